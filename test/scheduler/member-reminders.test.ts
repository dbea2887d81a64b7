import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimUser } from "../support/fake-telegram/index.ts";
import type { Harness } from "../support/harness.ts";
import { FakeClock, runThrough, type Seeded, seedGroupsWithEvents, startClockedHarness } from "./support.ts";

const window = {
  start: new Date("2026-06-28T01:00:00Z"),
  end: new Date("2026-06-28T03:00:00Z"),
  precision: "exact" as const,
  timeZone: "Asia/Shanghai",
};

describe("reminders to members who signed up", () => {
  const clock = new FakeClock(new Date("2026-06-26T12:00:00Z").getTime());
  let h: Harness;
  let seeded: Seeded;
  let people: SimUser[];

  beforeAll(async () => {
    h = await startClockedHarness(clock);
    seeded = await seedGroupsWithEvents(h.fake, h.app.services, 1, window);
    const db = h.app.services.database.prisma;
    await db.event.update({ where: { id: seeded.eventIds[0]! }, data: { capacity: 1 } });
    people = ["Ann", "Ben", "Cai", "Dan"].map((first_name) => h.fake.user({ first_name, started: true }));
    await db.user.createMany({
      data: people.map((p, i) => ({
        id: BigInt(p.id),
        firstName: p.user.first_name,
        startedBot: i !== 3, // Dan never opened the bot: nothing can be sent to him privately
      })),
    });
  });
  afterAll(() => h?.stop());

  it("are planned on sign-up, tell the waitlisted where they stand, and skip those who cancelled", async () => {
    const { services, sender, scheduler } = h.app;
    const db = services.database.prisma;
    const [eventId] = seeded.eventIds;
    for (const p of people)
      await services.signups.signUp(eventId!, BigInt(p.id), BigInt(seeded.groups[0]!.id), clock.now());
    await scheduler.settle();
    const planned = await db.delivery.findMany({ where: { kind: "member-reminder" }, orderBy: { key: "asc" } });
    expect(planned.map((d) => d.key)).toEqual(
      people
        .slice(0, 3)
        .flatMap((p) => [`member-reminder:${eventId}:1440:${p.id}`, `member-reminder:${eventId}:60:${p.id}`])
        .sort(),
    );
    await services.signups.cancel(eventId!, BigInt(people[2]!.id), clock.now()); // Cai leaves the waitlist

    await runThrough(services, clock, new Date("2026-06-27T01:00:00Z"), { tick: () => sender.tick() });
    const [ann, ben, cai] = people.map((p) => h.fake.sent(p.id).map((m) => m.text ?? ""));
    expect(ann).toHaveLength(1);
    expect(ann![0]).toContain("你已报名");
    expect(ben).toHaveLength(1);
    expect(ben![0]).toContain("候补名单第 1 位");
    expect(cai).toEqual([]);
    const caiRow = await db.delivery.findUniqueOrThrow({
      where: { key: `member-reminder:${eventId}:1440:${people[2]!.id}` },
    });
    expect(caiRow.status).toBe("dropped");
  });
});
