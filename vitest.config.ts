import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // every file: no bot token in any log line, stored error or message (test/support/log-capture.ts)
    setupFiles: ["test/support/leak-check.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // An unhandled rejection or uncaught exception anywhere in the suite fails the run (issue 9: a background
    // loop that throws out of its timer kills the bot). This is Vitest's default; stated so nobody turns it off.
    dangerouslyIgnoreUnhandledErrors: false,
    // every test by name, so the log shows which ran against SQLite and which against PostgreSQL
    reporters: ["verbose"],
  },
});
