/**
 * Issue 9, finding 9's second half and "Also": every tap on an event in the /events list posted another card into
 * the group (a busy group was flooded), and a cancelled event's card still showed its places and buttons.
 */
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVE_CARDS_PER_CHAT } from "../../src/bot/cards.ts";
import { answerOf, buttonTexts, sendAndWait } from "../support/chat.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { seedEventCard } from "./support.ts";

describe("event cards in a group", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ app: { now: () => new Date("2026-06-01T02:00:00Z") } });
  });
  afterAll(() => h?.stop());

  const cardsOf = (group: { id: number }, title: string) =>
    h.fake.sent(group).filter((m) => m.text?.startsWith(title) && buttonTexts(m).some((b) => b.includes("报名")));

  it(`opening an event from /events again and again keeps at most ${LIVE_CARDS_PER_CHAT} live cards of it`, async () => {
    const member = h.fake.user({ first_name: "opener" });
    const { group, eventId, admin } = await seedEventCard(h, { members: [member] });
    const title = (await h.app.services.events.get(eventId))?.title ?? "";
    const list = await sendAndWait(h.fake, admin, group, "/events", (m) => m.text?.includes(title) ?? false);
    for (let i = 0; i < 5; i++) {
      const before = h.fake.calls("sendMessage").length;
      await answerOf(h.fake, member.press(list, `1. ${title}`));
      await h.fake.waitFor(() => h.fake.calls("sendMessage").length > before);
      await h.fake.idle();
    }
    const live = cardsOf(group, title);
    expect(live).toHaveLength(LIVE_CARDS_PER_CHAT);
    const db = h.app.services.database.prisma;
    const rows = await db.eventMessage.findMany({ where: { eventId, chatId: BigInt(group.id) } });
    expect(rows.map((r) => r.messageId).sort()).toEqual(live.map((m) => m.message_id).sort());

    // a sign-up is followed on the live cards only: nothing edits a deleted card
    const newest = live.at(-1) as Message;
    expect((await answerOf(h.fake, member.press(newest, "✅ 报名"))).text).toBe("已报名 ✅");
    await h.app.cards.flush();
    const edits = h.fake.calls("editMessageText").filter((c) => Number(c.params["chat_id"]) === group.id);
    expect(edits.every((c) => c.status === 200)).toBe(true);
    for (const card of cardsOf(group, title)) expect(card.text).toContain("1/10");
  });

  it("a cancelled event's cards say so, show no places and offer nothing to tap", async () => {
    const member = h.fake.user({ first_name: "canceller" });
    const { group, eventId, card } = await seedEventCard(h, { members: [member], capacity: 1 });
    expect((await answerOf(h.fake, member.press(card, "✅ 报名"))).text).toBe("已报名 ✅");
    expect(await h.app.services.events.cancel(eventId)).toBe(true);
    await h.app.cards.flush();
    const shown = h.fake.sent(group).find((m) => m.message_id === card.message_id);
    expect(shown?.text).toContain("此活动已取消");
    expect(shown?.text).not.toContain("🎟");
    expect(shown?.text).not.toContain("满员");
    expect(buttonTexts(shown)).toEqual([]);
  });
});
