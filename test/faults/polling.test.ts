/**
 * Findings 3, 4 and 15 of issue 9: a second polling instance killed the first (409 Conflict became an uncaught
 * exception); with the Bot API black-holed the bot stayed deaf for minutes (grammY's 500 s default timeout, and a
 * back-off that doubled without a cap); and polling fetched up to 100 updates at a time.
 */
import { Writable } from "node:stream";
import { Api, HttpError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { CONFLICT_MESSAGE } from "../../src/bot/polling.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { testLogger } from "../support/log-capture.ts";

/** A logger whose JSON lines the test reads. */
function capturedLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: testLogger({ level: "info", stream }), lines };
}

/** Short long polls and back-off, so the test sees in seconds what takes a minute with Telegram's defaults. */
const quick = {
  polling: { longPollSeconds: 1, graceSeconds: 2, backoff: { firstMs: 200, maxMs: 1000 }, conflictMaxMs: 1000 },
  requestTimeoutSeconds: 3,
};

describe("polling under faults", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it("a second instance polling with the same token: one clear log line, no crash, and polling resumes", async () => {
    const { logger, lines } = capturedLogger();
    h = await startHarness({ app: { logger, ...quick } });
    const fake = h.fake;
    // the second instance: polls in a loop for 4 s (each of its polls ends the first instance's with 409)
    const second = new Api(fake.token, { apiRoot: fake.apiRoot });
    const until = Date.now() + 4000;
    let conflictsSeen = 0;
    while (Date.now() < until) {
      await second.getUpdates({ timeout: 0, offset: -1 }).catch(() => conflictsSeen++);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const conflicts = lines.filter((l) => l.msg === CONFLICT_MESSAGE);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.level).toBe(50); // error
    expect(fake.calls("getUpdates").filter((c) => c.status === 409).length).toBeGreaterThan(3);

    // the second instance stopped: the first answers again, without a restart
    const alice = fake.user({ first_name: "Alice", started: true });
    const before = fake.sent(alice.id).length;
    alice.sendPrivate("/help");
    await fake.waitFor(() => fake.sent(alice.id).length > before, { timeoutMs: 5000 });
    expect(lines.some((l) => l.msg === "fetching updates from Telegram recovered")).toBe(true);
    expect(conflictsSeen).toBeGreaterThanOrEqual(0);
  });

  it("a black-holed Bot API (connections accepted, never answered): the bot hears again within seconds of its return", async () => {
    const { logger, lines } = capturedLogger();
    h = await startHarness({ app: { logger, ...quick } });
    const fake = h.fake;
    const alice = fake.user({ first_name: "Alice", started: true });
    await fake.idle();

    fake.blackHole();
    await fake.waitFor(() => fake.heldRequests() > 0); // the bot's next poll fell in
    const before = fake.sent(alice.id).length;
    alice.sendPrivate("/help"); // queued at "Telegram", not delivered while the poll hangs
    await new Promise((resolve) => setTimeout(resolve, 7000)); // long poll + grace, twice over
    expect(fake.sent(alice.id).length).toBe(before);
    fake.restore();
    const restoredAt = Date.now();

    // the hanging poll is given up after long poll + grace (3 s), then retried after at most the cap (1 s)
    await fake.waitFor(() => fake.sent(alice.id).length > before, { timeoutMs: 8000 });
    expect(Date.now() - restoredAt).toBeLessThan(6000);
    const failed = lines.filter((l) => l.msg === "fetching updates from Telegram failed; retrying with back-off");
    expect(failed).toHaveLength(1); // once per outage, not once per attempt
  });

  it("every Bot API call but getUpdates is given up after the request timeout", async () => {
    h = await startHarness({ app: quick });
    const fake = h.fake;
    fake.blackHole(["sendMessage"]);
    const started = Date.now();
    const outcome = await h.app.callApi("sendMessage", { chat_id: 1n, text: "hello" }).then(
      () => "answered",
      (error: unknown) => String(error instanceof HttpError ? error.error : error),
    );
    expect(outcome).toMatch(/timed out after 3 seconds/);
    expect(Date.now() - started).toBeLessThan(6000);
    fake.restore();
  });

  it("updates are fetched in bounded batches (a kill -9 loses few in-flight taps)", async () => {
    h = await startHarness();
    const fake = h.fake;
    const alice = fake.user({ first_name: "Alice", started: true });
    alice.sendPrivate("/help");
    await fake.waitFor(() => fake.sent(alice.id).length > 0);
    const polls = fake.calls("getUpdates");
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) expect(Number(poll.params["limit"])).toBeLessThanOrEqual(25);
  });
});
