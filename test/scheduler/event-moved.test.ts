import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../support/harness.ts";
import { FakeClock, runThrough, type Seeded, seedGroupsWithEvents, sentAt, startClockedHarness } from "./support.ts";

// 28 June 09:00–11:00 in Shanghai, moved to 29 June.
const window = {
  start: new Date("2026-06-28T01:00:00Z"),
  end: new Date("2026-06-28T03:00:00Z"),
  precision: "exact" as const,
  timeZone: "Asia/Shanghai",
};
const DAY = 86_400_000;
const shift = (d: Date) => new Date(d.getTime() + DAY);

describe("an event moved by a day", () => {
  const clock = new FakeClock(new Date("2026-06-26T12:00:00Z").getTime());
  let h: Harness;
  let seeded: Seeded;

  beforeAll(async () => {
    h = await startClockedHarness(clock);
    await h.app.bot.init();
    seeded = await seedGroupsWithEvents(h.fake, h.app.services, 1, window);
  });
  afterAll(() => h?.stop());

  it("only the reminders for the new time fire, for the group, the member and the organiser", async () => {
    const { services, scheduler, sender } = h.app;
    const db = services.database.prisma;
    const [group] = seeded.groups;
    const [eventId] = seeded.eventIds;
    const [orgId] = seeded.orgIds;
    const member = h.fake.user({ first_name: "李娜", started: true });
    const organiser = h.fake.user({ first_name: "王芳", started: true });
    await db.user.createMany({
      data: [member, organiser].map((u) => ({ id: BigInt(u.id), firstName: u.user.first_name, startedBot: true })),
    });
    await db.organiser.create({ data: { organisationId: orgId!, userId: BigInt(organiser.id) } });
    await db.signup.create({
      data: { eventId: eventId!, userId: BigInt(member.id), status: "confirmed", seq: 1, chatId: BigInt(group!.id) },
    });
    await scheduler.run(clock.now());
    expect(await db.delivery.count({ where: { eventId: eventId!, status: "pending" } })).toBe(2 + 2 + 2);

    await services.events.update(
      eventId!,
      { window: { ...window, start: shift(window.start), end: shift(window.end) } },
      clock.now(),
    );
    expect(await db.delivery.count({ where: { eventId: eventId!, status: "dropped" } })).toBe(6);

    await runThrough(services, clock, new Date("2026-06-30T00:00:00Z"), {
      tick: () => sender.tick(),
      plan: (now) => scheduler.run(now),
    });
    expect(sentAt(h.fake, group!.id).map((m) => m.at)).toEqual([
      "2026-06-28T01:00:00.000Z",
      "2026-06-29T00:00:00.000Z",
    ]);
    expect(sentAt(h.fake, group!.id)[0]?.text).toContain("6月29日");
    expect(sentAt(h.fake, member.id).map((m) => m.at)).toEqual([
      "2026-06-28T01:00:00.000Z",
      "2026-06-29T00:00:00.000Z",
    ]);
    expect(sentAt(h.fake, organiser.id).map((m) => m.at)).toEqual([
      "2026-06-28T01:00:00.000Z", // the day before: counts
      "2026-06-29T03:00:00.000Z", // after the end: confirm attendance
    ]);
    const [dayBefore, attendance] = h.fake.sent(organiser.id);
    expect(dayBefore?.text).toContain("1/20");
    expect(dayBefore?.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({
      url: `https://t.me/yiqi_test_bot?start=mg_${eventId}`,
    });
    expect(attendance?.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ callback_data: `1:at:${eventId}` });
  });
});
