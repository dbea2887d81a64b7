import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { planReady } from "../../src/delivery/kinds.ts";
import { LEASE_MS } from "../../src/delivery/outbox.ts";
import { databaseKinds } from "../support/databases.ts";
import type { SimUser } from "../support/fake-telegram/index.ts";
import { TELEGRAM_LIMITS } from "../support/fake-telegram/index.ts";
import type { Harness } from "../support/harness.ts";
import {
  drain,
  dueCount,
  FakeClock,
  type Seeded,
  seedGroupsWithEvents,
  startClockedHarness,
  testSender,
} from "./support.ts";

const window = {
  start: new Date("2026-06-28T01:00:00Z"),
  end: new Date("2026-06-28T03:00:00Z"),
  precision: "exact" as const,
  timeZone: "Asia/Shanghai",
};
const DUE = new Date("2026-06-27T01:00:00Z");

describe.each(databaseKinds)("a crash between claiming and marking sent, then a restart, on %s", (kind) => {
  const clock = new FakeClock(new Date("2026-06-26T12:00:00Z").getTime());
  let h: Harness;
  let seeded: Seeded;
  let users: SimUser[];

  beforeAll(async () => {
    h = await startClockedHarness(clock, { kind, limits: TELEGRAM_LIMITS });
    seeded = await seedGroupsWithEvents(h.fake, h.app.services, 60, window);
    users = Array.from({ length: 10 }, (_, i) => h.fake.user({ first_name: `U${i}`, started: true }));
  });
  afterAll(() => h?.stop());

  it("a sender killed mid-send leaves its one claim: at-most-once kinds are not sent again, at-least-once kinds are; nothing else is lost", async () => {
    const { services, scheduler } = h.app;
    await scheduler.run(clock.now());
    // a personal notice (at-least-once), due a moment before the reminders so the first crashing sender takes it
    const [user] = users;
    if (!user) throw new Error("users");
    await services.outbox.enqueue(
      [
        planReady("event-cancelled", {
          eventId: 1,
          to: BigInt(user.id),
          now: new Date(DUE.getTime() - 1000),
          call: { method: "sendMessage", params: { text: "cancelled" } },
        }),
      ],
      clock.now(),
    );
    clock.set(DUE);

    // Three senders die in the middle of a call: the first two after Telegram got the message, the third before.
    // Each has exactly one delivery claimed (one message in flight at a time), not a batch.
    const send = h.app.callApi;
    const reachedTelegram = new Set<number>();
    const dying = (reaches: boolean) => {
      let calls = 0;
      let answered = false;
      const sender = testSender(services, {
        instanceId: `dying-${reaches}`,
        callApi: async (method, params) => {
          calls++;
          if (reaches) {
            await send(method, params);
            reachedTelegram.add(Number(params.chat_id));
          }
          answered = true;
          return new Promise(() => {}); // the process is gone: nothing after this runs
        },
      });
      void sender.tick();
      return () => [calls, answered];
    };
    for (const reaches of [true, true, false]) {
      const state = dying(reaches);
      await vi.waitFor(() => expect(state()).toEqual([1, true]), { timeout: 15_000 });
    }
    expect(await services.database.prisma.delivery.count({ where: { status: "sending" } })).toBe(3);

    // Restart: recovery runs once the claims are stale, then a fresh sender drains the outbox.
    clock.advance(LEASE_MS + 60_000);
    expect(await services.outbox.recover(clock.now())).toEqual({ missed: 0, interrupted: 2, requeued: 1 });
    // (sharing the app's limiter with its card refresher, as the app's own sender does)
    const restarted = testSender(services, { instanceId: "restarted", callApi: send, limiter: h.app.limiter });
    await drain(() => restarted.tick(), clock, { pending: dueCount(services, clock.now) });

    const rows = await services.database.prisma.delivery.findMany({ where: { dueAt: { lte: DUE } } });
    const byChat = new Map(rows.map((r) => [Number(r.chatId), r]));
    for (const g of seeded.groups) {
      const messages = h.fake.sent(g).length;
      const row = byChat.get(g.id)!;
      expect(messages).toBeLessThanOrEqual(1); // never twice
      if (row.status === "failed") {
        expect(row.lastError).toMatch(/interrupted.*at-most-once/);
        expect(messages).toBe(reachedTelegram.has(g.id) ? 1 : 0);
      } else {
        expect([row.status, messages]).toEqual(["sent", 1]); // everything not in flight at the crash went out
      }
    }
    expect(rows.filter((r) => r.status === "failed")).toHaveLength(2);
    // only the one message in flight before it reached Telegram is lost
    expect(seeded.groups.filter((g) => h.fake.sent(g).length === 0)).toHaveLength(1);
    // at-least-once: the notice arrives; it had reached Telegram before the crash, so it arrives twice
    expect(byChat.get(user.id)?.status).toBe("sent");
    expect(h.fake.sent(user.id)).toHaveLength(2);
  });
});
