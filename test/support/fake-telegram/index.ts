export * from "../../../src/playground/emulator/index.ts";
