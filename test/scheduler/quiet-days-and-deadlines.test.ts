import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../support/harness.ts";
import { FakeClock, runThrough, seedGroupsWithEvents, startClockedHarness } from "./support.ts";

const tz = "Asia/Shanghai";
const DAY = 86_400_000;

describe("daily summaries on quiet days, and sign-up deadline notices", () => {
  const clock = new FakeClock(new Date("2026-06-01T00:00:00Z").getTime()); // 1 June 08:00 local
  let h: Harness;

  beforeAll(async () => {
    h = await startClockedHarness(clock);
    await h.app.bot.init();
  });
  afterAll(() => h?.stop());

  it("a quiet day sends nothing unless the group asked for it; sign-ups show up in the next summary", async () => {
    const { services, scheduler, sender } = h.app;
    const db = services.database.prisma;
    // an event a month away: nothing today or in the next 7 days
    const { groups, eventIds } = await seedGroupsWithEvents(
      h.fake,
      services,
      2,
      {
        start: new Date("2026-06-28T01:00:00Z"),
        end: new Date("2026-06-28T03:00:00Z"),
        precision: "exact",
        timeZone: tz,
      },
      { prefix: "quiet", summaries: true },
    );
    const [silent, chatty] = groups;
    await db.chat.update({ where: { id: BigInt(chatty!.id) }, data: { summaryWhenQuiet: true } });
    const steps = { tick: () => sender.tick(), plan: (now: Date) => scheduler.run(now) };
    await runThrough(services, clock, new Date("2026-06-01T02:00:00Z"), steps);
    expect(h.fake.sent(silent!)).toEqual([]);
    expect(h.fake.sent(chatty!).map((m) => m.text)).toEqual([expect.stringContaining("今天和未来 7 天没有活动")]);
    const dropped = await db.delivery.findUniqueOrThrow({ where: { key: `summary:${silent!.id}:2026-06-01` } });
    expect(dropped.status).toBe("dropped");

    const people = [1, 2, 3].map((i) => h.fake.user({ first_name: `P${i}` }));
    await db.user.createMany({ data: people.map((p) => ({ id: BigInt(p.id), firstName: p.user.first_name })) });
    for (const p of people) await services.signups.signUp(eventIds[0]!, BigInt(p.id), BigInt(silent!.id), clock.now());
    await services.signups.cancel(eventIds[0]!, BigInt(people[0]!.id), clock.now());
    await runThrough(services, clock, new Date(new Date("2026-06-01T02:00:00Z").getTime() + DAY), steps);
    const [next] = h.fake.sent(silent!);
    expect(next?.text).toContain("新报名 2 人，取消 1 人");
    const chat = await db.chat.findUniqueOrThrow({ where: { id: BigInt(silent!.id) } });
    expect(chat.lastSummaryAt?.toISOString()).toBe("2026-06-02T01:00:00.000Z");
  });

  it("organisers hear about a near deadline only while places are still free", async () => {
    const { services, scheduler, sender } = h.app;
    const db = services.database.prisma;
    clock.set("2026-06-10T00:00:00Z");
    const { orgIds, eventIds } = await seedGroupsWithEvents(
      h.fake,
      services,
      2,
      {
        start: new Date("2026-06-14T01:00:00Z"),
        end: new Date("2026-06-14T03:00:00Z"),
        precision: "exact",
        timeZone: tz,
      },
      { prefix: "deadline" },
    );
    const organisers = orgIds.map((_, i) => h.fake.user({ first_name: `O${i}`, started: true }));
    await db.user.createMany({
      data: organisers.map((o) => ({ id: BigInt(o.id), firstName: o.user.first_name, startedBot: true })),
    });
    for (const [i, orgId] of orgIds.entries()) {
      await db.organiser.create({ data: { organisationId: orgId, userId: BigInt(organisers[i]!.id) } });
      await db.event.update({
        where: { id: eventIds[i]! },
        data: { signupDeadline: new Date("2026-06-12T10:00:00Z"), capacity: 1 },
      });
    }
    const member = h.fake.user({ first_name: "M" });
    await db.user.create({ data: { id: BigInt(member.id), firstName: "M" } });
    await services.signups.signUp(eventIds[1]!, BigInt(member.id), null, clock.now()); // the second event is full
    await runThrough(services, clock, new Date("2026-06-12T10:00:00Z"), {
      tick: () => sender.tick(),
      plan: (now) => scheduler.run(now),
    });
    const texts = organisers.map((o) => h.fake.sent(o.id).map((m) => m.text ?? ""));
    expect(texts[0]!.filter((t) => t.startsWith("⏳"))).toEqual([expect.stringContaining("6月12日 18:00")]);
    expect(texts[1]!.filter((t) => t.startsWith("⏳"))).toEqual([]);
  });
});
