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

  it("at-most-once kinds are not sent again, at-least-once kinds are; nothing else is lost", async () => {
    const { services, scheduler } = h.app;
    await scheduler.run(clock.now());
    // personal notices (at-least-once), due a moment before the reminders so the crashing sender takes them first
    await services.outbox.enqueue(
      users.map((u) =>
        planReady("event-cancelled", {
          eventId: 1,
          to: BigInt(u.id),
          now: new Date(DUE.getTime() - 1000),
          call: { method: "sendMessage", params: { text: "cancelled" } },
        }),
      ),
      clock.now(),
    );
    clock.set(DUE);

    // Instance "crashing" claims 20 (10 notices + 10 reminders); half reach Telegram, then the process dies
    // before any is marked sent.
    const reachedTelegram = new Set<number>();
    let calls = 0;
    const send = h.app.callApi;
    const crashing = testSender(services, {
      instanceId: "crashing",
      limits: { globalPerSecond: 20, groupPerMinute: 20, privatePerSecond: 1 },
      callApi: async (method, params) => {
        if (calls++ % 2 === 0) {
          await send(method, params);
          reachedTelegram.add(Number(params.chat_id));
        }
        return new Promise(() => {}); // the process is gone: nothing after this runs
      },
    });
    void crashing.tick();
    await vi.waitFor(() => expect([calls, reachedTelegram.size]).toEqual([20, 10]), { timeout: 15_000 });
    expect(await services.database.prisma.delivery.count({ where: { status: "sending" } })).toBe(20);

    // Restart: recovery runs once the claims are stale, then a fresh sender drains the outbox.
    clock.advance(LEASE_MS + 60_000);
    expect(await services.outbox.recover(clock.now())).toEqual({ missed: 0, interrupted: 10, requeued: 10 });
    const restarted = testSender(services, { instanceId: "restarted", callApi: send });
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
    const interrupted = rows.filter((r) => r.status === "failed");
    expect(interrupted).toHaveLength(10);
    expect(seeded.groups.filter((g) => h.fake.sent(g).length === 0)).toHaveLength(
      interrupted.filter((r) => !reachedTelegram.has(Number(r.chatId))).length,
    );
    for (const u of users) {
      // at-least-once: every notice arrives; one that had reached Telegram before the crash arrives twice
      expect(byChat.get(u.id)?.status).toBe("sent");
      expect(h.fake.sent(u.id)).toHaveLength(reachedTelegram.has(u.id) ? 2 : 1);
    }
  });
});
