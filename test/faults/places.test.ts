/**
 * Findings 10 and 11 of issue 9: a tap after the organiser marked one attendee present went over capacity; a
 * confirmed member cancelling after the event was cancelled promoted someone into it ("好消息！…").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock, startClockedHarness } from "../scheduler/support.ts";
import { answerOf } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { Harness } from "../support/harness.ts";
import { seedEventCard } from "./support.ts";

describe.each(databaseKinds)("places and promotions, on %s", (kind) => {
  const clock = new FakeClock(new Date("2026-06-28T01:30:00Z").getTime()); // during the event below
  let h: Harness;

  beforeAll(async () => {
    h = await startClockedHarness(clock, { kind });
    await h.app.start();
  });
  afterAll(() => h?.stop());

  it("capacity 2, one attendee marked present during the event: the next tap is waitlisted", async () => {
    const members = Array.from({ length: 3 }, (_, i) => h.fake.user({ first_name: `p${i}` }));
    const { card, eventId } = await seedEventCard(h, {
      capacity: 2,
      members,
      startsAt: new Date("2026-06-28T01:00:00Z"),
      endsAt: new Date("2026-06-28T05:00:00Z"),
    });
    const [a, b, c] = members;
    if (!a || !b || !c) throw new Error("three members");
    expect((await answerOf(h.fake, a.press(card, "✅ 报名"))).text).toBe("已报名 ✅");
    expect((await answerOf(h.fake, b.press(card, "✅ 报名"))).text).toBe("已报名 ✅");
    const db = h.app.services.database.prisma;
    const signup = await db.signup.findUniqueOrThrow({ where: { eventId_userId: { eventId, userId: BigInt(a.id) } } });
    await h.app.services.attendance.toggle(eventId, signup.id, clock.now());
    expect((await answerOf(h.fake, c.press(card, "✅ 报名"))).text).not.toBe("已报名 ✅");
    const holding = await db.signup.count({ where: { eventId, status: { in: ["confirmed", "attended", "no_show"] } } });
    expect(holding).toBe(2);
  });

  it("after the event is cancelled, a confirmed member cancelling promotes nobody and nobody is told so", async () => {
    clock.set("2026-06-01T02:00:00Z");
    const members = Array.from({ length: 2 }, (_, i) => h.fake.user({ first_name: `q${i}`, started: true }));
    const { card, eventId } = await seedEventCard(h, { capacity: 1, members });
    const [a, b] = members;
    if (!a || !b) throw new Error("two members");
    expect((await answerOf(h.fake, a.press(card, "✅ 报名"))).text).toBe("已报名 ✅");
    await answerOf(h.fake, b.press(card, "✅ 报名")); // waitlisted
    expect(await h.app.services.events.cancel(eventId)).toBe(true);
    expect((await h.app.services.signups.cancel(eventId, BigInt(a.id), clock.now())).kind).toBe("cancelled");
    const db = h.app.services.database.prisma;
    expect(await db.delivery.count({ where: { kind: "promotion", eventId } })).toBe(0);
    const bRow = await db.signup.findUniqueOrThrow({ where: { eventId_userId: { eventId, userId: BigInt(b.id) } } });
    expect(bRow.status).toBe("waitlisted");
  });
});
