export * from "../../../src/playground/emulator/users.ts";
