import { afterAll, expect } from "vitest";
import { leakReport } from "./log-capture.ts";

// Every test file: no watched bot token in any log line, stored error or message (test/support/log-capture.ts).
afterAll(() => {
  const { leaks } = leakReport();
  expect(leaks, "the bot token appeared in a log line, a stored lastError or a message").toEqual([]);
});
