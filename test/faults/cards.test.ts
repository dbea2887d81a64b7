/**
 * Findings 8 and 9 of issue 9: cards left wrong after a restart (the refresh marks lived in memory), and with
 * 26 cards of one event in a group, 6 never updated while the 20 current ones were edited again and again
 * ("message is not modified"), spending the group's budget.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCardRefresher } from "../../src/wiring.ts";
import { FakeClock, startClockedHarness } from "../scheduler/support.ts";
import { databaseKinds } from "../support/databases.ts";
import type { Harness } from "../support/harness.ts";
import { postCardFor, seedEventCard } from "./support.ts";

describe.each(databaseKinds)("event cards under load and restarts, on %s", (kind) => {
  const clock = new FakeClock(new Date("2026-06-01T02:00:00Z").getTime());
  let h: Harness;

  beforeAll(async () => {
    h = await startClockedHarness(clock, { kind });
  });
  afterAll(() => h?.stop());

  async function signUp(eventId: number, userId: bigint, chatId: number) {
    await h.app.services.database.prisma.user.upsert({
      where: { id: userId },
      create: { id: userId, firstName: `u${userId}` },
      update: {},
    });
    return h.app.services.signups.signUp(eventId, userId, BigInt(chatId), clock.now());
  }

  it("26 cards of one event in a group: all 26 follow a sign-up within the group's budget, each edited once", async () => {
    clock.advance(10 * 60_000); // a fresh per-group window
    const { group, eventId, card } = await seedEventCard(h, { capacity: 10 });
    const cards = [card];
    for (let i = 1; i < 26; i++) cards.push(await postCardFor(h, eventId, group));
    const before = h.fake.calls("editMessageText").length;

    await signUp(eventId, 4242n, group.id);
    expect(await h.app.cards.flush()).toBe(20); // the group's 20 a minute
    expect(await h.app.cards.flush()).toBe(0); // the 20 current ones are not edited again
    clock.advance(61_000);
    expect(await h.app.cards.flush()).toBe(6);
    clock.advance(61_000);
    expect(await h.app.cards.flush()).toBe(0);

    const edits = h.fake.calls("editMessageText").slice(before);
    expect(edits).toHaveLength(26);
    expect(edits.every((c) => c.status === 200)).toBe(true); // never "message is not modified"
    for (const c of cards)
      expect(h.fake.sent(group).find((m) => m.message_id === c.message_id)?.text).toContain("1/10");
  });

  it("a change whose refresh had not run when the process died is finished by the next instance", async () => {
    clock.advance(10 * 60_000);
    const { group, eventId, card } = await seedEventCard(h, { capacity: 10 });
    for (let i = 0; i < 3; i++) await signUp(eventId, BigInt(5000 + i), group.id);
    // the process "dies" here: its refresher never flushes. A new one (a restart, or another instance) starts:
    const restarted = createCardRefresher({ services: h.app.services, callApi: h.app.callApi, limiter: h.app.limiter });
    expect(await restarted.flush()).toBe(1);
    expect(h.fake.sent(group).find((m) => m.message_id === card.message_id)?.text).toContain("3/10");
    expect(await h.app.cards.flush()).toBe(0); // the mark is cleared: nobody edits it again
  });
});
