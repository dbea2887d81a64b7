import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planners } from "../../src/scheduler/index.ts";
import { createServices, type Services } from "../../src/services/services.ts";
import { type Database, openDatabase } from "../../src/store/database.ts";
import { TELEGRAM_LIMITS } from "../support/fake-telegram/index.ts";
import type { Harness } from "../support/harness.ts";
import { dueCount, FakeClock, type Seeded, seedGroupsWithEvents, startClockedHarness, testSender } from "./support.ts";

const GROUPS = 300;
const window = {
  start: new Date("2026-06-28T01:00:00Z"),
  end: new Date("2026-06-28T03:00:00Z"),
  precision: "exact" as const,
  timeZone: "Asia/Shanghai",
};
/** Each instance gets half of Telegram's global budget. */
const half = { globalPerSecond: 15, groupPerMinute: 20, privatePerSecond: 1 };

describe("two instances on one PostgreSQL database", () => {
  const clock = new FakeClock(new Date("2026-06-26T12:00:00Z").getTime());
  let h: Harness;
  let second: Database;
  let b: Services;
  let seeded: Seeded;

  beforeAll(async () => {
    h = await startClockedHarness(clock, { kind: "postgresql", limits: TELEGRAM_LIMITS });
    second = await openDatabase(h.database.url);
    const a = h.app.services;
    b = createServices({
      config: a.config,
      database: second,
      translator: a.translator,
      logger: a.logger,
      now: clock.now,
    });
    seeded = await seedGroupsWithEvents(h.fake, a, GROUPS, window);
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await h?.stop();
  });

  it("both plan and both send, and every delivery goes out exactly once", async () => {
    const a = h.app.services;
    const planA = planners(a, a.logger);
    const planB = planners(b, b.logger);
    const planned = await Promise.all([planA.reminders.sweep(clock.now()), planB.reminders.sweep(clock.now())]);
    expect(planned[0] + planned[1]).toBe(GROUPS * 2);

    clock.set("2026-06-27T01:00:00Z");
    const send = h.app.callApi;
    const senderA = testSender(a, { instanceId: "a", callApi: send, limits: half });
    const senderB = testSender(b, { instanceId: "b", callApi: send, limits: half });
    const pending = dueCount(a, clock.now);
    while ((await pending()) > 0) {
      await Promise.all([senderA.tick(), senderB.tick()]);
      clock.advance(250);
    }

    expect(seeded.groups.filter((g) => h.fake.sent(g).length !== 1)).toEqual([]);
    const rows = await a.database.prisma.delivery.groupBy({
      by: ["claimedBy", "status"],
      where: { dueAt: { lte: clock.now() } },
      _count: { _all: true },
    });
    const sentBy = Object.fromEntries(rows.map((r) => [`${r.claimedBy}:${r.status}`, r._count._all]));
    expect(Object.keys(sentBy).sort()).toEqual(["a:sent", "b:sent"]);
    expect(sentBy["a:sent"]! + sentBy["b:sent"]!).toBe(GROUPS);
    const hits = h.fake.limitHits();
    expect(hits.globalPerSecond).toBe(0);
  }, 60_000);
});
