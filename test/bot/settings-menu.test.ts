import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../scheduler/support.ts";
import { answerOf, buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { GroupChatObject, SimUser } from "../support/fake-telegram/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai; the events are on Wednesday 3 June at 9:00 (01:00Z).
const NOW = new Date("2026-06-01T02:00:00Z");
const START = new Date("2026-06-03T01:00:00Z");

/**
 * `/settings` as buttons: an organiser's menu for the group (it edits itself in place and confirms every
 * choice in the same message; nobody else can press it), and every member's own menu in private: when
 * they are reminded (the planner follows at once) and which language the bot speaks to them in.
 */
describe.each(databaseKinds)("/settings with buttons, on %s", (kind) => {
  const clock = new FakeClock(NOW.getTime());
  let h: Harness;
  const db = () => h.app.services.database.prisma;

  beforeAll(async () => {
    // many presses in a row by one organiser: flood control (tested on its own) would slow them down
    h = await startHarness({ kind, env: { SCHEDULER: "off" }, app: { now: clock.now, flood: false } });
  });
  afterAll(() => h?.stop());

  /** A Chinese organisation's group with an event on 3 June 9:00 that `member` signed up for (she started the bot). */
  async function groupWithEvent(name: string, language_code = "zh-hans") {
    const admin = h.fake.user({ first_name: "王芳", language_code: "zh-hans" });
    const member = h.fake.user({ first_name: "李娜", language_code });
    const group = h.fake.group({ title: `${name}群`, creator: admin, members: [member] });
    await sendAndWait(h.fake, admin, group, `/setup new ${name} | organisation | - | Asia/Shanghai | zh-CN`);
    const card = await sendAndWait(h.fake, admin, group, "/newevent 社区义诊 | 6月3日 9:00-11:00 | 社区中心 | 10");
    member.start();
    await h.fake.waitFor(() => h.fake.sent(member.id).length > 0);
    await press(h.fake, member, card, "✅ 报名");
    const event = await db().event.findFirstOrThrow({ where: { organisation: { name } } });
    await h.app.scheduler.run(clock.now());
    await h.app.scheduler.settle();
    return { admin, member, group, card, eventId: event.id };
  }

  /** The bot's message as it is now (after edits). */
  const current = (chat: GroupChatObject | number, message: Message) => {
    const found = h.fake.sent(chat).find((m) => m.message_id === message.message_id);
    if (!found) throw new Error("the menu is gone");
    return found;
  };

  /** Presses a button of the menu and returns the menu as the press left it, with the press's answer. */
  async function choose(user: SimUser, chat: GroupChatObject | number, menu: Message, label: string) {
    const answer = await answerOf(h.fake, user.press(current(chat, menu), label));
    return { answer, menu: current(chat, menu) };
  }

  const pendingKeys = async (where: { chatId?: bigint; kind: string; eventId: number }) =>
    (await db().delivery.findMany({ where: { ...where, status: "pending" }, select: { key: true } }))
      .map((r) => r.key)
      .sort();

  it("an organiser's menu changes reminders, summary and language in place, each confirmed in the message", async () => {
    const { admin, group, eventId } = await groupWithEvent("晨光志愿者协会");
    const menu = await sendAndWait(h.fake, admin, group, "/settings");
    expect(menu.text).toContain("⏰ 活动提醒：提前 1 天和 1 小时");
    expect(buttonTexts(menu)).toEqual(["⏰ 活动提醒", "📋 每日汇总", "🌐 语言", "完成"]);
    const sentBefore = h.fake.sent(group).length;

    let step = await choose(admin, group, menu, "⏰ 活动提醒");
    expect(step.menu.text).toContain("提前多久在群里提醒");
    expect(buttonTexts(step.menu)).toContain("✓ 1 天和 1 小时");
    step = await choose(admin, group, menu, "1 天和 2 小时");
    expect(step.menu.text?.split("\n")[0]).toBe("✅ 已保存：活动前 1 天和 2 小时在群里提醒。");
    expect((await db().chat.findUniqueOrThrow({ where: { id: BigInt(group.id) } })).reminderOffsets).toBe("1440,120");
    expect(await pendingKeys({ chatId: BigInt(group.id), kind: "reminder", eventId })).toEqual([
      `reminder:${eventId}:120:${group.id}`,
      `reminder:${eventId}:1440:${group.id}`,
    ]);

    await choose(admin, group, menu, "📋 每日汇总");
    step = await choose(admin, group, menu, "18:00");
    expect(step.menu.text?.split("\n")[0]).toBe("✅ 已保存：每天 18:00 发每日汇总。");
    step = await choose(admin, group, menu, "📋 每日汇总");
    step = await choose(admin, group, menu, "没有新内容时也发");
    expect(step.menu.text?.split("\n")[0]).toBe("✅ 已保存：没有新内容的日子也发汇总。");
    const chat = await db().chat.findUniqueOrThrow({ where: { id: BigInt(group.id) } });
    expect([chat.summaryTime, chat.summaryOn, chat.summaryWhenQuiet]).toEqual(["18:00", true, true]);

    await choose(admin, group, menu, "🌐 语言");
    step = await choose(admin, group, menu, "English");
    expect(step.menu.text?.split("\n")[0]).toBe("✅ Saved: this group now uses English.");
    expect(step.menu.text).toContain("⏰ Reminders: 1 day and 2 hours before");
    expect(buttonTexts(step.menu)).toEqual(["⏰ Reminders", "📋 Daily summary", "🌐 Language", "Done"]);
    expect((await db().chat.findUniqueOrThrow({ where: { id: BigInt(group.id) } })).locale).toBe("en");
    step = await choose(admin, group, menu, "Done");
    expect(buttonTexts(step.menu)).toEqual([]);
    // every step edited the one menu: nothing new was posted into the group
    expect(h.fake.sent(group).length).toBe(sentBefore);
    const list = await sendAndWait(h.fake, admin, group, "/events");
    expect(list.text).toMatch(/Upcoming|event/i);
  });

  it("a member pressing the group's menu is refused and nothing changes; the text form is refused too", async () => {
    const { admin, member, group } = await groupWithEvent("朝阳社工站");
    const menu = await sendAndWait(h.fake, admin, group, "/settings");
    const before = await db().chat.findUniqueOrThrow({ where: { id: BigInt(group.id) } });
    const opened = await choose(member, group, menu, "⏰ 活动提醒");
    expect(opened.answer).toMatchObject({ show_alert: true });
    expect(opened.answer.text).toContain("只有本群的组织者可以修改设置");
    expect(opened.menu.text).toBe(menu.text);
    // the page's buttons, forged by the member from what the organiser opened
    await choose(admin, group, menu, "⏰ 活动提醒");
    const refused = await choose(member, group, menu, "1 天和 2 小时");
    expect(refused.answer.text).toContain("只有本群的组织者");
    expect(refused.menu.text).toContain("提前多久在群里提醒");
    await sendAndWait(h.fake, member, group, "/settings reminders 3h");
    const after = await db().chat.findUniqueOrThrow({ where: { id: BigInt(group.id) } });
    expect([after.reminderOffsets, after.remindersOn, after.locale]).toEqual([
      before.reminderOffsets,
      before.remindersOn,
      before.locale,
    ]);
    // a member's /settings in the group shows the settings and where to set their own
    const shown = await sendAndWait(h.fake, member, group, "/settings");
    expect(shown.text).toContain("只有组织者可以修改本群的设置");
    expect(shown.reply_markup?.inline_keyboard.flat()[0]).toMatchObject({
      url: expect.stringContaining("start=settings"),
    });
  });

  it("the text forms still work and bad input changes nothing", async () => {
    const { admin, group } = await groupWithEvent("江东志愿者协会");
    const saved = await sendAndWait(h.fake, admin, group, "/settings reminders 2d,3h");
    expect(saved.text?.split("\n")[0]).toBe("✅ 已保存：活动前 2 天和 3 小时在群里提醒。");
    expect(buttonTexts(saved)).toContain("⏰ 活动提醒");
    const bad = await sendAndWait(h.fake, admin, group, "/settings language 火星文");
    expect(bad.text).toBe("看不懂「火星文」。请写 zh（中文）或 en（English）。");
    await sendAndWait(h.fake, admin, group, "/settings language en");
    const chat = await db().chat.findUniqueOrThrow({ where: { id: BigInt(group.id) } });
    expect([chat.reminderOffsets, chat.locale]).toEqual(["2880,180", "en"]);
  });

  it("a member chooses her own reminder times in private: pending reminders are replaced, none removes them", async () => {
    const { admin, member, group, eventId } = await groupWithEvent("海曙志愿者协会");
    const mine = () => pendingKeys({ kind: "member-reminder", eventId, chatId: BigInt(member.id) });
    const key = (slot: number) => `member-reminder:${eventId}:${slot}:${member.id}`;
    expect(await mine()).toEqual([key(1440), key(60)].sort());

    const menu = await sendAndWait(h.fake, member, member.id, "/settings");
    expect(menu.text).toContain("🔔 报名活动的提醒：按群里设置的时间");
    expect(buttonTexts(menu)).toContain("✓ 按群里的时间");
    let step = await choose(member, member.id, menu, "1 天和 2 小时");
    expect(step.menu.text?.split("\n")[0]).toBe("✅ 已保存：活动前 1 天和 2 小时提醒你。");
    expect(buttonTexts(step.menu)).toContain("✓ 1 天和 2 小时");
    expect(await mine()).toEqual([key(1440), key(120)].sort());

    step = await choose(member, member.id, menu, "🔕 不提醒");
    expect(step.menu.text?.split("\n")[0]).toContain("✅ 已保存：不再给你发活动提醒");
    expect(await mine()).toEqual([]);

    step = await choose(member, member.id, menu, "按群里的时间");
    expect(await mine()).toEqual([key(1440), key(60)].sort());
    // the group's organiser changes the group's times: a member who follows them follows
    await sendAndWait(h.fake, admin, group, "/settings reminders 3h");
    expect(await mine()).toEqual([key(180)]);

    // her own choice is what reaches her: 2 hours before, "starts in 2 hours"
    await choose(member, member.id, menu, "2 小时");
    expect(await mine()).toEqual([key(120)]);
    clock.set(new Date(START.getTime() - 2 * 3_600_000));
    try {
      await h.app.scheduler.run(clock.now());
      h.app.sender.nudge();
      const reminder = await h.fake.waitFor(() =>
        h.fake.sent(member.id).find((m) => m.text?.startsWith("⏰") && m.text.includes("社区义诊")),
      );
      expect(reminder.text).toContain("还有 2 小时");
    } finally {
      clock.set(NOW);
    }
  });

  it("the text form in private and the link from the group open the same menu; a later sign-up uses her times", async () => {
    const { admin, member, group } = await groupWithEvent("北仑志愿者协会");
    const saved = await sendAndWait(h.fake, member, member.id, "/settings reminders 1d");
    expect(saved.text?.split("\n")[0]).toBe("✅ 已保存：活动前 1 天提醒你。");
    const card = await sendAndWait(h.fake, admin, group, "/newevent 读书会 | 6月4日 9:00-11:00 | 图书馆 | 10");
    await press(h.fake, member, card, "✅ 报名");
    await h.app.scheduler.settle();
    const later = await db().event.findFirstOrThrow({
      where: { title: "读书会", organisation: { name: "北仑志愿者协会" } },
    });
    expect(await pendingKeys({ kind: "member-reminder", eventId: later.id, chatId: BigInt(member.id) })).toEqual([
      `member-reminder:${later.id}:1440:${member.id}`,
    ]);
    const bad = await sendAndWait(h.fake, member, member.id, "/settings reminders 明早");
    expect(bad.text).toContain("看不懂「明早」");
    expect((await db().user.findUniqueOrThrow({ where: { id: BigInt(member.id) } })).reminderOffsets).toBe("1440");
    const before = h.fake.sent(member.id).length;
    member.start("settings");
    const opened = await h.fake.waitFor(() => h.fake.sent(member.id).slice(before)[0]);
    expect(opened.text).toContain("🔔 报名活动的提醒：活动前 1 天");
  });

  it("choosing a language in private changes her toasts and private messages at once", async () => {
    const { member, card } = await groupWithEvent("鄞州志愿者协会");
    expect((await press(h.fake, member, card, "✅ 报名")).text).toBe("你已经报名了");
    const menu = await sendAndWait(h.fake, member, member.id, "/settings");
    expect(menu.text).toContain("🌐 语言：中文（跟随 Telegram）");
    const step = await choose(member, member.id, menu, "English");
    expect(step.menu.text?.split("\n")[0]).toBe("✅ Saved: I'll talk to you in English from now on.");
    expect(buttonTexts(step.menu)).toContain("✓ English");
    expect((await db().user.findUniqueOrThrow({ where: { id: BigInt(member.id) } })).locale).toBe("en");
    // the next toast, seconds later (well inside the language cache's minute), is English
    expect((await press(h.fake, member, card, "✅ 报名")).text).toBe("You're already signed up");
    const help = await sendAndWait(h.fake, member, member.id, "/help");
    expect(help.text).toContain("Yiqi — help");

    const back = await choose(member, member.id, menu, "As in Telegram");
    expect(back.menu.text?.split("\n")[0]).toBe("✅ 已保存：语言跟随 Telegram，现在是中文。");
    expect((await press(h.fake, member, card, "✅ 报名")).text).toBe("你已经报名了");
  });
});
