import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { createLogger, type Logger } from "../../src/log.ts";
import { REDACTED } from "../../src/redact.ts";
import { TEST_BOT_ID, TEST_BOT_TOKEN } from "./fake-telegram/index.ts";

/**
 * The bot token never appears in a log line, a stored error or a message to a user (issue 10 item 7), checked for
 * the whole suite: every harness uses a fresh token of a known shape (`testToken`), its app logs through the
 * production logger (src/log.ts) at trace level into this worker's capture, the harness scans the outbox's
 * `lastError` and every Bot API call's parameters (what users were shown) before it stops, and
 * test/support/leak-check.ts (a Vitest setup file) fails the test file when any of it contained a token.
 * Cheap: each line is searched as it is written; nothing is kept but the leaks.
 */
const secrets = new Set<string>();
const found: string[] = [];
let scanned = 0;
/** texts that carried a token the redaction had already replaced */
let redacted = 0;

/** A fresh bot token for one harness: the fake Telegram's bot id and 40 random URL-safe characters. */
export function testToken(): string {
  return `${TEST_BOT_ID}:AAtest${randomBytes(30).toString("base64url")}`;
}

/** Watches for this token (and its secret half) in everything scanned from now on in this worker. */
export function watchToken(token: string): void {
  secrets.add(token);
  const secret = token.split(":")[1];
  if (secret && secret.length >= 20) secrets.add(secret);
}

/** Scans texts (log lines, stored errors, messages) for a watched token; a hit is kept for the end-of-file check. */
export function scan(where: string, texts: Iterable<string>): void {
  for (const text of texts) {
    scanned++;
    if (text.includes(REDACTED)) redacted++;
    for (const secret of secrets) {
      if (!text.includes(secret)) continue;
      found.push(`${where}: ${text.slice(0, 300)}`);
      break;
    }
  }
}

/** The leaks found so far, forgotten (the capture's own test plants one on purpose). */
export function drainLeaks(): string[] {
  return found.splice(0, found.length);
}

// the emulator's default token, which tests that start a fake Telegram of their own use
watchToken(TEST_BOT_TOKEN);

/** What was scanned in this worker and what leaked. */
export function leakReport(): { scanned: number; redacted: number; leaks: string[] } {
  return { scanned, redacted, leaks: [...found] };
}

/** A stream that scans every line written to it. */
export function captureStream(where = "log"): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      scan(where, [String(chunk)]);
      done();
    },
  });
}

/**
 * The app's logger in tests: the production logger (redaction included) at trace level into the capture, and
 * lines at `TEST_LOG_LEVEL` (default none) also to stdout; `also`: a test's own stream at its own level.
 */
export function testLogger(also?: pino.StreamEntry): Logger {
  const streams: pino.StreamEntry[] = [{ level: "trace", stream: captureStream() }];
  const shown = process.env.TEST_LOG_LEVEL;
  if (shown && shown !== "silent") streams.push({ level: shown as pino.Level, stream: process.stdout });
  if (also) streams.push(also);
  return createLogger("trace", { destination: pino.multistream(streams), pretty: false });
}
