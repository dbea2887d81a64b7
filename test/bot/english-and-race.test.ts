import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerOf, buttonTexts, callbackData, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { removalHandled } from "../support/removal.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

async function setUp(h: Harness, admin: SimUser, group: GroupChatObject, line: string) {
  const reply = await sendAndWait(h.fake, admin, group, `/setup new ${line}`);
  return /<code>([A-Z2-9]{8})<\/code>|([A-Z2-9]{8})/.exec(reply.text ?? "")?.[0] ?? "";
}

describe.each(databaseKinds)("in English, with a hub, on %s", (kind) => {
  let h: Harness;
  let admin: SimUser;
  let group: GroupChatObject;
  let card: Message;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
    admin = h.fake.user({ first_name: "Alice", language_code: "en", username: "alice" });
    group = h.fake.group({ title: "Riverside volunteers", creator: admin });
  });
  afterAll(() => h?.stop());

  /** A fresh English organisation set up in its own group, with the card of a 10-place event posted there. */
  async function englishGroupWithEvent(name: string) {
    const admin = h.fake.user({ first_name: "Alice", language_code: "en" });
    const group = h.fake.group({ title: `${name} volunteers`, creator: admin });
    await setUp(h, admin, group, `${name} Volunteers | organisation | - | Asia/Shanghai | en`);
    const card = await sendAndWait(
      h.fake,
      admin,
      group,
      "/newevent Riverside clean-up | 28 June 14:00-16:00 | Riverside Park | 10",
    );
    const eventId = Number(callbackData(card, "Sign up").split(":")[2]);
    return { admin, group, card, eventId };
  }

  it("sets up an English group and creates an event in one line", async () => {
    const code = await setUp(h, admin, group, "Riverside Volunteers | organisation | - | Asia/Shanghai | en");
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    card = await sendAndWait(
      h.fake,
      admin,
      group,
      "/newevent Riverside clean-up | 28 June 14:00-16:00 | Riverside Park | 10",
    );
    expect(card.text).toContain("Sun 28 Jun, 14:00–16:00");
    expect(card.text).toContain("0/10");
    expect(buttonTexts(card)).toContain("✅ Sign up");
  });

  it("50 members tap Sign up at the same moment on 10 places: 10 in, 40 waitlisted 1–40, no errors", async () => {
    const { group, card, eventId } = await englishGroupWithEvent("Hillside");
    const users = Array.from({ length: 50 }, (_, i) => h.fake.user({ first_name: `Member${i}`, language_code: "en" }));
    for (const u of users) h.fake.setMemberStatus(group, u, "member");
    const ids = users.map((u) => u.press(card, "✅ Sign up"));
    const answers = await Promise.all(ids.map((id) => answerOf(h.fake, id)));
    const texts = answers.map((a) => a.text ?? "");
    expect(texts.filter((t) => t === "You're in ✅")).toHaveLength(10);
    const positions = texts
      .map((t) => /waitlist: number (\d+)/.exec(t)?.[1])
      .filter((p): p is string => p !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(texts.every((t) => t === "You're in ✅" || t.includes("waitlist"))).toBe(true);

    // three of the confirmed cancel: the first three waitlisted are promoted and told
    const db = h.app.services.database.prisma;
    const confirmed = await db.signup.findMany({ where: { eventId, status: "confirmed" }, orderBy: { seq: "asc" } });
    const waitlisted = await db.signup.findMany({
      where: { eventId, status: "waitlisted" },
      orderBy: { seq: "asc" },
      take: 3,
    });
    const byId = new Map(users.map((u) => [u.id, u]));
    for (const s of confirmed.slice(0, 3)) {
      expect((await press(h.fake, byId.get(Number(s.userId))!, card, "Cancel my sign-up")).text).toBe(
        "Your sign-up is cancelled",
      );
    }
    for (const s of waitlisted) {
      const name = byId.get(Number(s.userId))!.user.first_name;
      await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes(`${name}, good news`)));
    }
    expect(await db.signup.count({ where: { eventId, status: "confirmed" } })).toBe(10);
    expect(await db.signup.count({ where: { eventId, status: "waitlisted" } })).toBe(37);
  });

  it("a member who started the bot is told privately when promoted", async () => {
    const { admin, group } = await englishGroupWithEvent("Lakeside");
    const tea = await sendAndWait(h.fake, admin, group, "/newevent Tea stand | 28 June 9:00-11:00 | Bus station | 1");
    const first = h.fake.user({ first_name: "First", language_code: "en" });
    const latecomer = h.fake.user({ first_name: "Latecomer", language_code: "en" });
    for (const u of [first, latecomer]) h.fake.setMemberStatus(group, u, "member");
    latecomer.start();
    await h.fake.waitFor(() => h.fake.sent(latecomer.id).length > 0);
    expect((await press(h.fake, first, tea, "✅ Sign up")).text).toBe("You're in ✅");
    expect((await press(h.fake, latecomer, tea, "✅ Sign up")).text).toBe(
      "It's full, so you're on the waitlist: number 1",
    );
    expect((await press(h.fake, first, tea, "Cancel my sign-up")).text).toBe("Your sign-up is cancelled");
    const told = await h.fake.waitFor(() => h.fake.sent(latecomer.id).find((m) => m.text?.startsWith("Good news!")));
    expect(told.text).toContain("Tea stand");
    expect(told.text).toContain("Sun 28 Jun, 9:00–11:00");
  });

  it("a button carrying another organisation's event is refused", async () => {
    const { admin, card } = await englishGroupWithEvent("Seaside");
    const bob = h.fake.user({ first_name: "Bob", language_code: "en" });
    const other = h.fake.group({ title: "Other org", creator: bob });
    await setUp(h, bob, other, "Other Org | organisation | - | Asia/Shanghai | en");
    const otherCard = await sendAndWait(h.fake, bob, other, "/newevent Secret meeting | 28 June 10:00 | HQ | 5");
    const otherId = /1:su:(\d+)/.exec(JSON.stringify(otherCard.reply_markup))?.[1];
    const answer = await answerOf(h.fake, admin.pressData(card, `1:su:${otherId}`));
    expect(answer.text).toBe("This button has expired. Send /events again");
    expect(await h.app.services.database.prisma.signup.count({ where: { eventId: Number(otherId) } })).toBe(0);
  });

  it("the bot removed from a group marks it inactive", async () => {
    h.fake.setBotStatus(group, "kicked");
    await removalHandled(h, group.id);
    const chat = await h.app.services.database.prisma.chat.findUnique({ where: { id: BigInt(group.id) } });
    expect(chat?.active).toBe(false);
  });
});
