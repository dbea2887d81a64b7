import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TELEGRAM_LIMITS } from "../support/fake-telegram/index.ts";
import type { Harness } from "../support/harness.ts";
import { drain, dueCount, FakeClock, type Seeded, seedGroupsWithEvents, startClockedHarness } from "./support.ts";

const GROUPS = Number(process.env.FANOUT_GROUPS ?? 2000);
// 28 June 09:00 in Shanghai: every group's 24-hour reminder falls due at 27 June 01:00Z.
const window = {
  start: new Date("2026-06-28T01:00:00Z"),
  end: new Date("2026-06-28T03:00:00Z"),
  precision: "exact" as const,
  timeZone: "Asia/Shanghai",
};

describe(`${GROUPS} groups due a reminder in the same minute`, () => {
  const clock = new FakeClock(new Date("2026-06-26T12:00:00Z").getTime());
  let h: Harness;
  let seeded: Seeded;

  beforeAll(async () => {
    h = await startClockedHarness(clock, { limits: TELEGRAM_LIMITS });
    seeded = await seedGroupsWithEvents(h.fake, h.app.services, GROUPS, window);
  }, 60_000);
  afterAll(() => h?.stop());

  it("every group gets exactly one, within Telegram's limits", async () => {
    const { services, scheduler, sender } = h.app;
    const planned = await scheduler.run(clock.now());
    expect(planned.reminders).toBe(GROUPS * 2); // 24 h and 1 h before, per group
    expect(await scheduler.run(clock.now())).toEqual({ reminders: 0, summaries: 0 }); // idempotent

    clock.set("2026-06-27T01:00:00Z");
    await drain(() => sender.tick(), clock, { pending: dueCount(services, clock.now) });

    const perGroup = seeded.groups.map((g) => h.fake.sent(g).length);
    expect(perGroup.filter((n) => n === 0)).toHaveLength(0);
    expect(perGroup.filter((n) => n > 1)).toHaveLength(0);
    expect(h.fake.sent(seeded.groups[0]!)[0]?.text).toContain("g event 0");
    const hits = h.fake.limitHits();
    expect(hits.globalPerSecond + hits.perGroupPerMinute).toBeLessThanOrEqual(2);

    const sendTimes = h.fake
      .calls("sendMessage")
      .filter((c) => c.status === 200)
      .map((c) => c.at);
    const busiestSecond = Math.max(...sendTimes.map((t) => sendTimes.filter((u) => u >= t && u < t + 1000).length));
    expect(busiestSecond).toBe(TELEGRAM_LIMITS.globalPerSecond);
    const rows = await services.database.prisma.delivery.groupBy({
      by: ["status"],
      where: { kind: "reminder", dueAt: { lte: clock.now() } },
      _count: { _all: true },
    });
    expect(rows.map((r) => [r.status, r._count._all])).toEqual([["sent", GROUPS]]);
  }, 90_000);
});
