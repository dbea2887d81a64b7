/**
 * Finding 14 of issue 9: in a burst of 1,000 taps on SQLite, planning the members' reminders put every user of
 * the planning window into one `IN (…)` list, past what Prisma sends to SQLite in one statement; it failed
 * ("could not plan reminders after sign-ups") and those members got no reminders.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/harness.ts";
import { seedEventCard } from "./support.ts";

const BURST = 1100;

describe("a burst of sign-ups on SQLite", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ app: { now: () => new Date("2026-06-01T02:00:00Z") } });
  });
  afterAll(() => h?.stop());

  it(`${BURST} members tap at once: every one of them gets their reminders planned`, async () => {
    const members = Array.from({ length: BURST }, (_, i) => h.fake.user({ first_name: `burst ${i}`, started: true }));
    const db = h.app.services.database.prisma;
    // they all started the bot before (so they can be reminded privately)
    await db.user.createMany({
      data: members.map((m, i) => ({ id: BigInt(m.id), firstName: `burst ${i}`, startedBot: true })),
    });
    const { card, eventId } = await seedEventCard(h, {
      capacity: null,
      members,
      startsAt: new Date("2026-06-04T01:00:00Z"), // within the planner's look-ahead
      endsAt: new Date("2026-06-04T03:00:00Z"),
    });
    const queries = members.map((m) => m.press(card, "✅ 报名"));
    await h.fake.waitFor(() => queries.every((q) => h.fake.answers(q).length > 0), { timeoutMs: 240_000 });
    expect(await db.signup.count({ where: { eventId, status: "confirmed" } })).toBe(BURST);

    await h.app.scheduler.settle();
    const reminded = await db.delivery.findMany({
      where: { kind: "member-reminder", eventId },
      distinct: ["chatId"],
      select: { chatId: true },
    });
    expect(reminded).toHaveLength(BURST);
  }, 300_000);
});
