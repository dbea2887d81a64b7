/**
 * What the sender costs when there is nothing to send (issue 12): it sleeps until the next delivery falls due
 * instead of asking the database five times a second, yet a nudge, a delivery planned for later and a row
 * written without a nudge (one lost on the change bus) all still go out. Driven on fake timers against an
 * outbox in memory, so the test reads how often the outbox was asked, never how long anything took.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Delivery, Outbox } from "../../src/delivery/outbox.ts";
import { RateLimiter } from "../../src/delivery/rate-limiter.ts";
import { BUSY_MS, IDLE_MAX_MS, Sender } from "../../src/delivery/sender.ts";
import { createLogger } from "../../src/log.ts";

const INTERVAL = 200;

/** The outbox's rows in memory: just what the sender's loop reads and writes. */
function memoryOutbox() {
  const rows: Delivery[] = [];
  const asked = { claim: 0, nextDueAt: 0 };
  let failing = false;
  let nextId = 1;
  const due = (now: Date) => rows.filter((r) => r.status === "pending" && r.dueAt.getTime() <= now.getTime());
  const outbox = {
    async recover() {
      if (failing) throw new Error("database away");
      return { missed: 0, interrupted: 0, requeued: 0 };
    },
    async claim(_instance: string, now: Date) {
      asked.claim++;
      if (failing) throw new Error("database away");
      const [first] = due(now);
      if (!first) return [];
      first.status = "sending";
      return [{ ...first }];
    },
    async peek() {
      return null;
    },
    async markSent(id: number) {
      const row = rows.find((r) => r.id === id);
      if (row) row.status = "sent";
    },
    async renew() {},
    async nextDueAt() {
      asked.nextDueAt++;
      if (failing) throw new Error("database away");
      const pending = rows.filter((r) => r.status === "pending").map((r) => r.dueAt.getTime());
      return pending.length > 0 ? new Date(Math.min(...pending)) : null;
    },
  };
  return {
    outbox: outbox as unknown as Outbox,
    asked,
    rows,
    fail: (on: boolean) => {
      failing = on;
    },
    add(dueAt: Date, chatId = -100n) {
      rows.push({
        id: nextId++,
        key: `k${nextId}`,
        kind: "notice",
        chatId,
        payload: "{}",
        dueAt,
        status: "pending",
      } as never);
    },
    sent: () => rows.filter((r) => r.status === "sent").length,
  };
}

describe("the sender when there is nothing to send", () => {
  let sender: Sender;
  let box: ReturnType<typeof memoryOutbox>;
  const errors: string[] = [];

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"] });
    box = memoryOutbox();
    errors.length = 0;
    sender = new Sender({
      outbox: box.outbox,
      limiter: new RateLimiter(),
      callApi: async () => ({ ok: true }),
      render: async () => ({ method: "sendMessage", params: { text: "hi" } }),
      instanceId: "test",
      now: () => new Date(),
      logger: createLogger("error", {
        destination: { write: (line: string) => errors.push(JSON.parse(line).msg) },
        pretty: false,
      }),
      onChatGone: async () => {},
      onChatMigrated: async () => {},
    });
    sender.start(INTERVAL);
  });
  afterEach(async () => {
    const stopped = sender.stop();
    await vi.runOnlyPendingTimersAsync();
    await stopped;
    vi.useRealTimers();
  });

  it("asks the database a few times a minute, not five times a second", async () => {
    await vi.advanceTimersByTimeAsync(60_000);
    // once per IDLE_MAX_MS (a claim and when the next is due), plus the first look
    const looks = Math.ceil(60_000 / IDLE_MAX_MS) + 1;
    expect(box.asked.claim).toBeLessThanOrEqual(looks);
    expect(box.asked.nextDueAt).toBeLessThanOrEqual(looks);
    expect(box.asked.claim).toBeGreaterThan(0);
  });

  it("a nudge sends at once, and a row that commits just after its nudge still goes out within the busy spell", async () => {
    await vi.advanceTimersByTimeAsync(30_000); // long idle
    box.add(new Date());
    sender.nudge();
    await vi.advanceTimersByTimeAsync(0);
    expect(box.sent()).toBe(1);

    await vi.advanceTimersByTimeAsync(30_000);
    sender.nudge(); // announced before it is visible (a transaction not yet committed)
    await vi.advanceTimersByTimeAsync(INTERVAL);
    box.add(new Date());
    await vi.advanceTimersByTimeAsync(BUSY_MS - 2 * INTERVAL);
    expect(box.sent()).toBe(2);
  });

  it("a delivery planned for later goes out when it falls due, even while idle, without a nudge", async () => {
    box.add(new Date(Date.now() + 3_600_000));
    await vi.advanceTimersByTimeAsync(3_600_000 - INTERVAL);
    expect(box.sent()).toBe(0);
    await vi.advanceTimersByTimeAsync(INTERVAL + INTERVAL);
    expect(box.sent()).toBe(1);
    // and an hour of waiting for it asked about once per IDLE_MAX_MS
    expect(box.asked.claim).toBeLessThanOrEqual(3_600_000 / IDLE_MAX_MS + 2 * (BUSY_MS / INTERVAL) + 2);
  });

  it("a row written without a nudge (another instance's, its nudge lost) goes out within IDLE_MAX_MS", async () => {
    await vi.advanceTimersByTimeAsync(30_000);
    box.add(new Date());
    await vi.advanceTimersByTimeAsync(IDLE_MAX_MS);
    expect(box.sent()).toBe(1);
  });

  it("a nudge while the outbox is being looked at is not lost", async () => {
    await vi.advanceTimersByTimeAsync(30_000);
    const nextDueAt = box.outbox.nextDueAt.bind(box.outbox);
    let nudged = false;
    box.outbox.nextDueAt = async () => {
      const answer = await nextDueAt();
      if (!nudged) {
        nudged = true;
        box.add(new Date()); // committed and nudged just as the sender found nothing
        sender.nudge();
      }
      return answer;
    };
    await vi.advanceTimersByTimeAsync(IDLE_MAX_MS); // the next idle look, where the nudge lands
    expect(nudged).toBe(true);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(box.sent()).toBe(1);
  });

  it("an outage is logged once and retried with back-off; afterwards it sleeps until due again", async () => {
    box.fail(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors.filter((m) => m.includes("sending from the outbox"))).toHaveLength(1);
    box.fail(false);
    box.add(new Date(Date.now() + 10 * 60_000));
    await vi.advanceTimersByTimeAsync(10 * 60_000 + IDLE_MAX_MS);
    expect(box.sent()).toBe(1);
  });
});
