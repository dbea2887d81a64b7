import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

/**
 * What the whole group sees is in the group's language; what one person sees — a toast, an alert, a file
 * and its caption sent privately, a notice from the outbox — is in theirs: what they chose in /settings,
 * else their Telegram language.
 */
describe.each(databaseKinds)("an English member in a Chinese group, on %s", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  /** A Chinese organisation's group with a card of a `places`-place event, and an English member who started the bot. */
  async function chineseGroup(name: string, places: number) {
    const admin = h.fake.user({ first_name: "王伟", language_code: "zh-hans" });
    const english = h.fake.user({ first_name: "Emma", language_code: "en" });
    const group = h.fake.group({ title: `${name}群`, creator: admin, members: [english] });
    await sendAndWait(h.fake, admin, group, `/setup new ${name} | organisation | - | Asia/Shanghai | zh-CN`);
    const card = await sendAndWait(
      h.fake,
      admin,
      group,
      `/newevent 植树 | 6月28日 9:00-11:30 | 江北公园东门 | ${places}`,
    );
    english.start();
    await h.fake.waitFor(() => h.fake.sent(english.id).length > 0);
    return { admin, english, group, card };
  }

  it("her toasts, alert and calendar file are English while the card stays Chinese", async () => {
    const { english, group, card } = await chineseGroup("江北区志愿者协会", 10);
    expect(buttonTexts(card)).toContain("✅ 报名");
    expect((await press(h.fake, english, card, "✅ 报名")).text).toBe("You're in ✅");
    const rewritten = await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.message_id === card.message_id && m.edit_date !== undefined),
    );
    expect(rewritten.text).toContain("6月28日");
    expect(buttonTexts(rewritten)).toContain("✅ 报名");

    const who = await press(h.fake, english, card, "👥 谁参加");
    expect(who.text).toMatch(/Emma/);
    expect(who.text).not.toMatch(/[报名参加人]/);

    expect((await press(h.fake, english, card, "📅 加入日历")).text).toBe("Sent to you in a private message");
    const [file] = await h.fake.waitFor(() => {
      const docs = h.fake.documents(english.id);
      return docs.length > 0 ? docs : undefined;
    });
    expect(file?.message.caption).toBe("Calendar file for “植树”: open it to add the event to your calendar.");
  });

  it("a Chinese member of the same group still gets Chinese toasts", async () => {
    const { admin, card } = await chineseGroup("江东社工站", 10);
    expect((await press(h.fake, admin, card, "✅ 报名")).text).toBe("已报名 ✅");
  });

  it("her choice of language wins over her Telegram language", async () => {
    const { english, card } = await chineseGroup("鄞州志愿者协会", 10);
    await h.app.services.users.setLocale(BigInt(english.id), "zh-CN");
    expect((await press(h.fake, english, card, "✅ 报名")).text).toBe("已报名 ✅");
    await h.app.services.users.setLocale(BigInt(english.id), null);
    expect((await press(h.fake, english, card, "✅ 报名")).text).toBe("You're already signed up");
  });

  it("a language chosen before this instance ever saw her (by another instance) applies from her first tap", async () => {
    const { group, card } = await chineseGroup("北仑志愿者协会", 10);
    const newcomer = h.fake.user({ first_name: "Olivia", language_code: "en" });
    h.fake.setMemberStatus(group, newcomer, "member");
    await h.app.services.database.prisma.user.create({
      data: { id: BigInt(newcomer.id), firstName: "Olivia", languageCode: "en", locale: "zh-CN" },
    });
    expect((await press(h.fake, newcomer, card, "✅ 报名")).text).toBe("已报名 ✅");
  });

  it("the notice that she got a place, sent later from the outbox, is English", async () => {
    const { admin, english, card } = await chineseGroup("海曙志愿者协会", 1);
    expect((await press(h.fake, admin, card, "✅ 报名")).text).toBe("已报名 ✅");
    expect((await press(h.fake, english, card, "✅ 报名")).text).toBe("It's full, so you're on the waitlist: number 1");
    expect((await press(h.fake, admin, card, "取消报名")).text).toBe("已取消报名");
    const told = await h.fake.waitFor(() => h.fake.sent(english.id).find((m) => m.text?.startsWith("Good news!")));
    expect(told.text).toContain("植树");
    expect(told.text).toContain("Sun 28 Jun, 9:00–11:30");
  });

  it("in her private chat, everything is hers: /help in English", async () => {
    const { english } = await chineseGroup("北仑志愿者协会", 10);
    const help = await sendAndWait(h.fake, english as SimUser, english.id, "/help");
    expect(help.text).toContain("Yiqi — help");
  });
});
