import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.ts";
import type { Harness } from "../support/harness.ts";
import { testLogger } from "../support/log-capture.ts";
import { FakeClock, type Seeded, seedGroupsWithEvents, sentAt, startClockedHarness } from "./support.ts";

const tz = "Asia/Shanghai";
const T0 = new Date("2026-06-28T00:00:00Z"); // 08:00 in Shanghai
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

describe("three hours of downtime", () => {
  const clock = new FakeClock(T0.getTime());
  let h: Harness;
  let early: Seeded;
  let late: Seeded;
  let restarted: App | null = null;

  beforeAll(async () => {
    h = await startClockedHarness(clock);
    // starts 09:30 local: its 1-hour reminder falls due (and stops being useful) while the bot is down
    early = await seedGroupsWithEvents(
      h.fake,
      h.app.services,
      1,
      {
        start: hours(1.5),
        end: hours(2.5),
        precision: "exact",
        timeZone: tz,
      },
      { prefix: "early" },
    );
    // starts 11:30 local: its 1-hour reminder falls due during the downtime but is still useful after it
    late = await seedGroupsWithEvents(
      h.fake,
      h.app.services,
      1,
      {
        start: hours(3.5),
        end: hours(4.5),
        precision: "exact",
        timeZone: tz,
      },
      { prefix: "late", summaries: true },
    );
  });
  afterAll(async () => {
    await restarted?.stop();
    await h?.stop();
  });

  it("after the restart, useful deliveries go out late and the others are marked missed", async () => {
    const db = h.app.services.database.prisma;
    await h.app.scheduler.run(clock.now()); // planned, then the bot goes down before anything is due
    clock.set(hours(3));

    restarted = await createApp({ config: h.app.config, logger: testLogger(), now: clock.now });
    await restarted.start();
    const lateGroup = late.groups[0]!.id;
    await h.fake.waitFor(() => h.fake.sent(lateGroup).length === 2);

    const early60 = await db.delivery.findUniqueOrThrow({
      where: { key: `reminder:${early.eventIds[0]}:60:${early.groups[0]!.id}` },
    });
    expect(early60.status).toBe("missed");
    expect(h.fake.sent(early.groups[0]!.id)).toEqual([]);
    const texts = sentAt(h.fake, lateGroup).map((m) => m.text);
    expect(texts.some((t) => t.startsWith("⏰") && t.includes("30 分钟"))).toBe(true); // the reminder, late
    expect(texts.some((t) => t.startsWith("📋"))).toBe(true); // today's 09:00 summary, late
    expect(sentAt(h.fake, lateGroup).every((m) => m.at === hours(3).toISOString())).toBe(true);

    // Another restart later the same day sends nothing twice.
    await restarted.stop();
    clock.set(hours(3.2));
    restarted = await createApp({ config: h.app.config, logger: testLogger(), now: clock.now });
    await restarted.start();
    expect(await restarted.sender.tick()).toBe(0);
    expect(h.fake.sent(lateGroup)).toHaveLength(2);
  });
});
