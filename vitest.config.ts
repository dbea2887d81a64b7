import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // every test by name, so the log shows which ran against SQLite and which against PostgreSQL
    reporters: ["verbose"],
  },
});
