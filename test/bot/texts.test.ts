import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Translator } from "../../src/i18n/translator.ts";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

/** Texts with a rule behind them: what a full event says, how /setup asks, how counts read in English. */
describe("texts with a rule", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  it("a full event with nobody waiting says just 满员; with someone waiting, how many", async () => {
    const admin = h.fake.user({ first_name: "王芳", language_code: "zh-hans" });
    const member = h.fake.user({ first_name: "李雷", language_code: "zh-hans" });
    const late = h.fake.user({ first_name: "韩梅梅", language_code: "zh-hans" });
    const group = h.fake.group({ title: "满员测试群", creator: admin, members: [member, late] });
    await sendAndWait(h.fake, admin, group, "/setup new 满员测试协会 | organisation | - | Asia/Shanghai | zh-CN");
    const card = await sendAndWait(h.fake, admin, group, "/newevent 植树 | 6月28日 9:00-11:30 | 江北公园东门 | 1");
    await press(h.fake, member, card, "✅ 报名");
    const full = await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.message_id === card.message_id && m.text?.includes("满员")),
    );
    expect(full.text).not.toContain("候补");
    await press(h.fake, late, card, "✅ 报名");
    const waiting = await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.message_id === card.message_id && m.text?.includes("候补 1 人")),
    );
    expect(waiting.text).toContain("满员 · 候补 1 人");
  });

  it("/setup asks the admin by replying to them, and the buttons of answered steps go away", async () => {
    const admin = h.fake.user({ first_name: "赵敏", language_code: "zh-hans" });
    const group = h.fake.group({ title: "设置测试群", creator: admin });
    const choose = await sendAndWait(h.fake, admin, group, "/setup");
    expect(choose.reply_to_message?.text).toBe("/setup");
    await press(h.fake, admin, choose, "新建组织");
    const ask = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("请回复组织名称")));
    expect(ask.text).toBe("赵敏\n请回复组织名称（回复这条消息）：");
    expect(ask.reply_to_message?.from?.id).toBe(admin.id);
    const call = h.fake.calls("sendMessage").find((c) => String(c.params["text"] ?? "").includes("请回复组织名称"));
    expect(call?.params["reply_markup"]).toMatchObject({ force_reply: true, selective: true });
    await h.fake.waitFor(() => {
      const now = h.fake.sent(group).find((m) => m.message_id === choose.message_id && m.edit_date !== undefined);
      return now && buttonTexts(now).length === 0 ? now : undefined;
    });
  });

  it("English counts go through plural rules", () => {
    const t = new Translator("en").for("en");
    expect(t("summary-changes", { signups: 1, cancellations: 1 })).toBe(
      "<b>Since the last summary</b>: 1 new sign-up, 1 cancellation",
    );
    expect(t("summary-changes", { signups: 2, cancellations: 0 })).toBe(
      "<b>Since the last summary</b>: 2 new sign-ups, 0 cancellations",
    );
    expect(t("export-caption-event", { title: "Tea stand", count: 3, cancelled: 1 })).toBe(
      "Sign-ups for “Tea stand”: 3 people signed up, and 1 who cancelled (marked “cancelled”).",
    );
    expect(t("export-caption-event", { title: "Tea stand", count: 1, cancelled: 0 })).toBe(
      "Sign-ups for “Tea stand”: 1 person signed up.",
    );
  });
});
