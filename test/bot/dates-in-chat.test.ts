import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonTexts, sendAndWait } from "../support/chat.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Tuesday 1 December 2026, 10:00 in Shanghai: the day the README's example used to be refused.
const now = new Date("2026-12-01T02:00:00Z");

/** Dates as organisers type them, through the chat: read as their next occurrence, and said back when it was a choice. */
describe("dates typed in December", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  async function group(name: string, locale: "zh-CN" | "en") {
    const admin = h.fake.user({ first_name: "王芳", language_code: locale === "en" ? "en" : "zh-hans" });
    const chat = h.fake.group({ title: `${name}群`, creator: admin });
    await sendAndWait(h.fake, admin, chat, `/setup new ${name} | organisation | - | Asia/Shanghai | ${locale}`);
    return { admin, chat };
  }

  it("the README's own example is next June 28, not “already over”", async () => {
    const { admin, chat } = await group("江北区志愿者协会", "zh-CN");
    const card = await sendAndWait(
      h.fake,
      admin,
      chat,
      "/newevent 社区植树活动 | 6月28日 9:00-11:30 | 江北公园东门 | 2",
    );
    expect(card.text).toContain("社区植树活动");
    expect(card.text).toContain("2027年6月28日 周一 9:00–11:30");
    expect(buttonTexts(card)).toContain("✅ 报名");
  });

  it("and in English: 28 June 9:00-11:30", async () => {
    const { admin, chat } = await group("Riverside", "en");
    const card = await sendAndWait(h.fake, admin, chat, "/newevent Tree planting | 28 June 9:00-11:30 | East gate | 2");
    expect(card.text).toContain("Mon 28 Jun 2027, 9:00–11:30");
  });

  it("a date that passed days ago is posted for next year, and the organiser is told how to change it", async () => {
    const { admin, chat } = await group("江东社工站", "zh-CN");
    const before = h.fake.sent(chat).length;
    admin.send(chat, "/newevent 义诊 | 11月28日 | 社区医院 | 10");
    const note = await h.fake.waitFor(() =>
      h.fake
        .sent(chat)
        .slice(before)
        .find((m) => m.text?.startsWith("ℹ️")),
    );
    expect(note.text).toBe(
      "ℹ️ 今年的11月28日（周六）已经过去，我理解为2027年11月28日（周日）。如果是别的年份，请写上年份，如「2027年11月28日」。\n" +
        "不对的话，可以用 /edit 修改时间。",
    );
    expect(note.reply_to_message?.text).toContain("/newevent 义诊");
    expect(
      h.fake
        .sent(chat)
        .slice(before)
        .some((m) => m.text?.includes("2027年11月28日 周日")),
    ).toBe(true);
  });

  it("下周六上午 in the guided form: the reading and the other way to write it", async () => {
    const { admin, chat } = await group("鄞州志愿者协会", "zh-CN");
    const offer = await sendAndWait(h.fake, admin, chat, "/newevent");
    const link = (offer.reply_markup as { inline_keyboard: { url?: string }[][] }).inline_keyboard[0]?.[0]?.url ?? "";
    admin.start(link.split("start=")[1]);
    await h.fake.waitFor(() => h.fake.sent(admin.id).find((m) => m.text === "活动叫什么名字？"));
    await sendAndWait(h.fake, admin, admin.id, "读书会", (m) => m.text?.startsWith("什么时间？") ?? false);
    const reading = await sendAndWait(h.fake, admin, admin.id, "下周六上午", (m) => buttonTexts(m).length > 0);
    expect(reading.text).toBe(
      "我理解的时间是：12月12日 周六 上午。对吗？\nℹ️ 「下周六」我理解为下周的12月12日（周六）；如果指12月5日这个周六，请写「本周六」。",
    );
  });
});
