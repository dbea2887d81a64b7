import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

describe.each(databaseKinds)("recurring activities, on %s", (kind) => {
  let h: Harness;
  let n = 0;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  const db = () => h.app.services.database.prisma;

  /** A new organisation's group with an organiser and members who started the bot. */
  async function group(members: number, locale: "zh-CN" | "en" = "zh-CN") {
    n++;
    const admin = h.fake.user({ first_name: `组织者${n}` });
    const people = Array.from({ length: members }, (_, i) =>
      h.fake.user({ first_name: `成员${n}-${i}`, started: true }),
    );
    const chat = h.fake.group({ title: `观影群${n}`, creator: admin, members: people });
    await sendAndWait(h.fake, admin, chat, `/setup new 观影协会${n} | 组织 | - | Asia/Shanghai | ${locale}`);
    return { admin, people, chat, org: `观影协会${n}` };
  }

  /** The occurrences of the organisation's series, soonest first. */
  async function occurrences(org: string) {
    return db().event.findMany({
      where: { organisation: { name: org }, seriesId: { not: null } },
      orderBy: { startsAt: "asc" },
    });
  }

  it("the one-line form makes one event per occurrence, each with its own places; the card and the reply say so", async () => {
    const { admin, chat, org } = await group(0);
    const before = h.fake.sent(chat).length;
    const card = await sendAndWait(
      h.fake,
      admin,
      chat,
      "/newevent 社区观影 | 每周六 14:00-16:00 至6月27日 | 社区活动室 | 2",
      (m) => Boolean(m.text?.startsWith("社区观影")),
    );
    expect(card.text).toContain("🕘 6月6日 周六 14:00–16:00");
    expect(card.text).toContain("🔁 每周六 · 本次起还有 4 次（至6月27日）");
    expect(buttonTexts(card)).toContain("🔁 报名以后每次（4 次）");
    const reply = await h.fake.waitFor(() =>
      h.fake
        .sent(chat)
        .slice(before)
        .find((m) => m.text?.startsWith("🔁 已排好")),
    );
    expect(reply.text).toBe(
      "🔁 已排好 4 次：每周六，从 6月6日 周六 14:00–16:00 到 6月27日 周六 14:00–16:00。每次都有自己的名额和报名。",
    );
    const events = await occurrences(org);
    expect(events.map((e) => e.startsAt.toISOString())).toEqual([
      "2026-06-06T06:00:00.000Z",
      "2026-06-13T06:00:00.000Z",
      "2026-06-20T06:00:00.000Z",
      "2026-06-27T06:00:00.000Z",
    ]);
    expect(new Set(events.map((e) => e.seriesId)).size).toBe(1);
    expect(events.every((e) => e.capacity === 2 && e.title === "社区观影")).toBe(true);
    const series = await db().eventSeries.findFirstOrThrow({ where: { id: events[0]?.seriesId ?? -1 } });
    expect(series).toMatchObject({ pattern: "weekly:6", ruleText: "每周六 14:00-16:00 至6月27日" });
  });

  it("/events lists the next occurrence once, with the rule and how many are left", async () => {
    const { admin, chat } = await group(0);
    await sendAndWait(h.fake, admin, chat, "/newevent 社区观影 | 每周六 14:00-16:00 至6月27日 | 社区活动室 | 2", (m) =>
      Boolean(m.text?.startsWith("社区观影")),
    );
    await sendAndWait(h.fake, admin, chat, "/newevent 义诊 | 6月10日 9:00-11:00 | 洞桥 | 5", (m) =>
      Boolean(m.text?.startsWith("义诊")),
    );
    const list = await sendAndWait(h.fake, admin, chat, "/events", (m) => Boolean(m.text?.includes("共 2 个")));
    expect(list.text).toContain("1. 社区观影");
    expect(list.text).toContain("🔁 每周六 · 本次起还有 4 次（至6月27日）");
    expect(list.text).toContain("2. 义诊");
    expect(list.text?.match(/社区观影/g)).toHaveLength(1);
    expect(buttonTexts(list).filter((b) => b.includes("社区观影"))).toHaveLength(1);
  });

  it("sign up for all upcoming: each occurrence by its own rule, a full one puts the member on its waitlist", async () => {
    const { admin, people, chat, org } = await group(3);
    const [a, b, c] = people as [SimUser, SimUser, SimUser];
    const card = await sendAndWait(
      h.fake,
      admin,
      chat,
      "/newevent 社区观影 | 每周六 14:00-16:00 至6月27日 | 社区活动室 | 2",
      (m) => Boolean(m.text?.startsWith("社区观影")),
    );
    const third = (await occurrences(org))[2];
    if (!third) throw new Error("no third occurrence");
    // two others fill the third Saturday
    for (const u of [a, b]) {
      await sendAndWait(h.fake, u, u.id, "/start");
      await h.app.services.signups.signUp(third.id, BigInt(u.id), null, now);
    }
    const toast = await press(h.fake, c, card, "🔁 报名以后每次（4 次）");
    expect(toast.text).toBe("已报名 3 次，1 次候补");
    const statuses = async (u: SimUser) =>
      (
        await db().signup.findMany({
          where: { userId: BigInt(u.id), event: { organisation: { name: org } } },
          orderBy: { event: { startsAt: "asc" } },
        })
      ).map((s) => s.status);
    expect(await statuses(c)).toEqual(["confirmed", "confirmed", "waitlisted", "confirmed"]);
    // again: nothing new, and it says so
    expect((await press(h.fake, c, card, "🔁 报名以后每次（4 次）")).text).toBe("一次也没报上（4 次之前已报名）");
    // a's own tap on the card is for this occurrence only
    expect((await press(h.fake, a, card, "✅ 报名")).text).toBe("已报名 ✅");
    expect(await statuses(a)).toEqual(["confirmed", "confirmed"]);
    // cancel all upcoming
    expect((await press(h.fake, c, card, "取消以后每次")).text).toBe("已取消以后 4 次的报名");
    expect(await statuses(c)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
    await h.fake.waitFor(() =>
      h.fake.sent(chat).find((m) => m.message_id === card.message_id && m.text?.includes("🎟 1/2")),
    );
  });

  it("the guided /newevent reads the rule back, with the year's end said, and posts the series", async () => {
    const { admin, chat, org } = await group(0);
    admin.start();
    const dm = admin.id;
    await sendAndWait(h.fake, admin, dm, "/newevent", (m) => m.text === "活动叫什么名字？");
    await sendAndWait(h.fake, admin, dm, "社区观影", (m) => m.text?.startsWith("什么时间？") ?? false);
    const tooMany = await sendAndWait(h.fake, admin, dm, "每天 7:00-8:00");
    expect(tooMany.text).toContain("「每天 7:00-8:00」会有 213 次，一个系列最多 100 次。");
    const reading = await sendAndWait(h.fake, admin, dm, "每周六 14:00-16:00", (m) => buttonTexts(m).length > 0);
    expect(reading.text).toBe(
      "我理解的时间是：每周六，共 30 次，从 6月6日 周六 14:00–16:00 到 12月26日 周六 14:00–16:00。对吗？\nℹ️ 没写结束日期或次数，先排到年底（最后一次 12月26日 周六 14:00–16:00）。要改，请在时间后面加上「至…」或「共…次」，如「每周六 14:00-16:00 共10次」。",
    );
    await press(h.fake, admin, reading, "✅ 对");
    await h.fake.waitFor(() => h.fake.sent(dm).find((m) => m.text?.startsWith("在哪里？")));
    const details = await sendAndWait(h.fake, admin, dm, "社区活动室", (m) => m.text?.startsWith("活动内容") ?? false);
    await press(h.fake, admin, details, "跳过");
    const deadline = await sendAndWait(h.fake, admin, dm, "20", (m) => m.text?.startsWith("报名截止时间") ?? false);
    await press(h.fake, admin, deadline, "不设截止");
    const groups = await h.fake.waitFor(() => h.fake.sent(dm).find((m) => buttonTexts(m).includes("📣 发布")));
    expect(groups.text).toContain("🔁 每周六 · 共 30 次（至12月26日 周六 14:00–16:00）");
    await press(h.fake, admin, groups, "📣 发布");
    const posted = await h.fake.waitFor(() => h.fake.sent(chat).find((m) => m.text?.startsWith("社区观影")));
    expect(posted.text).toContain("🔁 每周六 · 本次起还有 30 次（至12月26日）");
    const created = await h.fake.waitFor(() => h.fake.sent(dm).find((m) => m.text?.includes("🔁 已排好 30 次")));
    expect(created.text).toContain(
      "🔁 已排好 30 次：每周六，从 6月6日 周六 14:00–16:00 到 12月26日 周六 14:00–16:00。",
    );
    expect(await occurrences(org)).toHaveLength(30);
  });

  it("in English, and a series without an end runs to the year's end and says so; more than 100 is refused", async () => {
    const { admin, chat, org } = await group(0, "en");
    const before = h.fake.sent(chat).length;
    const card = await sendAndWait(
      h.fake,
      admin,
      chat,
      "/newevent Film night | every Saturday 7-9pm | Community hall | 30",
      (m) => Boolean(m.text?.startsWith("Film night")),
    );
    expect(card.text).toContain("🔁 every Saturday · 30 to go from this one (until 26 Dec)");
    expect(buttonTexts(card)).toContain("🔁 Sign up for all upcoming (30)");
    const reply = await h.fake.waitFor(() =>
      h.fake
        .sent(chat)
        .slice(before)
        .find((m) => m.text?.startsWith("🔁 Planned")),
    );
    expect(reply.text).toContain(
      "🔁 Planned 30 dates: every Saturday, from Sat 6 Jun, 19:00–21:00 to Sat 26 Dec, 19:00–21:00.",
    );
    expect(reply.text).toContain("No end date or number of times, so I planned it until the end of the year");
    expect(await occurrences(org)).toHaveLength(30);

    const refused = await sendAndWait(h.fake, admin, chat, "/newevent Morning run | every day 7-8am | Park | 10", (m) =>
      Boolean(m.text?.includes("⚠️")),
    );
    expect(refused.text).toContain("“every day 7-8am” would be 213 dates; a series can have at most 100.");
    expect(await db().event.count({ where: { title: "Morning run" } })).toBe(0);
  });
});

describe.each(databaseKinds)("editing and cancelling recurring activities, on %s", (kind) => {
  let h: Harness;
  let n = 0;
  /** the bot's clock: a test that sends one person two notices lets a minute pass between them */
  let clock = now;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => clock } });
  });
  afterAll(() => h?.stop());

  const db = () => h.app.services.database.prisma;

  /** A group, a weekly series of three posted in one line, one member signed up for all and one for the first. */
  async function series() {
    n++;
    const admin = h.fake.user({ first_name: `组织者${n}` });
    const all = h.fake.user({ first_name: `全勤${n}`, started: true });
    const once = h.fake.user({ first_name: `一次${n}`, started: true });
    const chat = h.fake.group({ title: `观影群${n}`, creator: admin, members: [all, once] });
    await sendAndWait(h.fake, admin, chat, `/setup new 观影协会${n} | 组织 | - | Asia/Shanghai | zh-CN`);
    for (const u of [all, once]) await sendAndWait(h.fake, u, u.id, "/start");
    const card = await sendAndWait(
      h.fake,
      admin,
      chat,
      "/newevent 社区观影 | 每周六 14:00-16:00 共3次 | 社区活动室 | 10",
      (m) => Boolean(m.text?.startsWith("社区观影")),
    );
    expect((await press(h.fake, all, card, "🔁 报名以后每次（3 次）")).text).toBe("已报名 3 次");
    expect((await press(h.fake, once, card, "✅ 报名")).text).toBe("已报名 ✅");
    admin.start();
    const events = () =>
      db().event.findMany({ where: { organisation: { name: `观影协会${n}` } }, orderBy: { startsAt: "asc" } });
    return { admin, all, once, chat, card, events };
  }

  /** /edit → 社区观影 → the part, typed; returns the bot's next message with buttons or a ✅. */
  async function edit(
    admin: SimUser,
    part: string,
    text: string,
    answer = (m: Message) => buttonTexts(m).length > 0 || Boolean(m.text?.startsWith("✅")),
    title = "社区观影",
  ) {
    const dm = admin.id;
    const pick = await sendAndWait(h.fake, admin, dm, "/edit", (m) => buttonTexts(m).includes(title));
    // a series is offered once, by its next occurrence
    expect(buttonTexts(pick).filter((b) => b === title)).toHaveLength(1);
    await press(h.fake, admin, pick, title);
    const which = await h.fake.waitFor(() => h.fake.sent(dm).findLast((m) => m.text?.startsWith(`修改「${title}」`)));
    const asked = h.fake.sent(dm).length;
    await press(h.fake, admin, which, part);
    await h.fake.waitFor(() =>
      h.fake
        .sent(dm)
        .slice(asked)
        .find((m) => m.text?.includes("？")),
    );
    return sendAndWait(h.fake, admin, dm, text, answer);
  }

  it("an edit asks “this one or all later ones”; all later moves each alike and tells each member once", async () => {
    const { admin, all, once, events } = await series();
    const scope = await edit(admin, "时间", "6月7日 10:00-12:00");
    expect(scope.text).toBe("「社区观影」是「每周六」系列中的一次。要改哪些？");
    expect(buttonTexts(scope)).toEqual(["只改这一次", "这次及以后的 3 次"]);
    const ask = await (async () => {
      const before = h.fake.sent(admin.id).length;
      await press(h.fake, admin, scope, "这次及以后的 3 次");
      return h.fake.waitFor(() =>
        h.fake
          .sent(admin.id)
          .slice(before)
          .find((m) => buttonTexts(m).length > 0),
      );
    })();
    expect(ask.text).toBe("已报名（含候补）的有 2 人。要把这次修改通知他们吗？");
    await press(h.fake, admin, ask, "📣 通知他们");
    const done = await h.fake.waitFor(() => h.fake.sent(admin.id).findLast((m) => m.text?.startsWith("✅ 已更新")));
    expect(done.text).toBe("✅ 已更新「社区观影」的 3 次活动，群里的卡片会随之更新。\n已通知 2 人。");
    const moved = await events();
    expect(moved.map((e) => [e.startsAt.toISOString(), e.endsAt.toISOString()])).toEqual([
      ["2026-06-07T02:00:00.000Z", "2026-06-07T04:00:00.000Z"],
      ["2026-06-14T02:00:00.000Z", "2026-06-14T04:00:00.000Z"],
      ["2026-06-21T02:00:00.000Z", "2026-06-21T04:00:00.000Z"],
    ]);
    // now on Sundays: the series says so
    const pattern = await db().eventSeries.findUniqueOrThrow({ where: { id: moved[0]?.seriesId ?? -1 } });
    expect(pattern.pattern).toBe("weekly:0");
    const toAll = await h.fake.waitFor(() => h.fake.sent(all.id).find((m) => m.text?.includes("有变动")));
    expect(toAll.text).toBe(
      "✏️ 你报名的「社区观影」（每周日）以后 3 次都有变动，例如你报名的最近一次：\n🕘 时间：6月6日 周六 14:00–16:00 → 6月7日 周日 10:00–12:00",
    );
    const toOnce = await h.fake.waitFor(() => h.fake.sent(once.id).find((m) => m.text?.includes("有变动")));
    expect(toOnce.text).toBe(
      "✏️ 你报名的「社区观影」有变动：\n🕘 时间：6月6日 周六 14:00–16:00 → 6月7日 周日 10:00–12:00",
    );
    // one message per member, not one per occurrence
    expect(await db().delivery.count({ where: { kind: "event-changed", chatId: BigInt(all.id) } })).toBe(1);
    expect(
      await db().delivery.count({ where: { kind: "event-changed", eventId: { in: moved.map((e) => e.id) } } }),
    ).toBe(2);
  });

  it("“this one only” changes that occurrence alone; a new repeat rule for an occurrence is refused", async () => {
    const { admin, events } = await series();
    const scope = await edit(admin, "地点", "街道文化中心");
    const before = h.fake.sent(admin.id).length;
    await press(h.fake, admin, scope, "只改这一次");
    const ask = await h.fake.waitFor(() =>
      h.fake
        .sent(admin.id)
        .slice(before)
        .find((m) => buttonTexts(m).length > 0),
    );
    await press(h.fake, admin, ask, "不通知");
    await h.fake.waitFor(() =>
      h.fake.sent(admin.id).findLast((m) => m.text === "✅ 已更新「社区观影」，群里的活动卡片会随之更新。"),
    );
    expect((await events()).map((e) => e.place)).toEqual(["街道文化中心", "社区活动室", "社区活动室"]);
    const refused = await edit(admin, "时间", "每周日 10:00-12:00", (m) => Boolean(m.text?.startsWith("这是")));
    expect(refused.text).toBe(
      "这是「每周六」系列中的一次，不能改成另一个重复规则。要改以后每次的时间，请写这一次的新时间（如「6月6日 周六 14:00–16:00」），再选「这次及以后」。",
    );
    expect((await events()).map((e) => e.startsAt.toISOString())).toEqual([
      "2026-06-06T06:00:00.000Z",
      "2026-06-13T06:00:00.000Z",
      "2026-06-20T06:00:00.000Z",
    ]);
  });

  it("a one-off event given a repeat rule in /edit becomes the first of a series, its sign-ups kept", async () => {
    const { admin, once, chat } = await series();
    const card = await sendAndWait(h.fake, admin, chat, "/newevent 义诊 | 6月10日 9:00-11:00 | 洞桥 | 5", (m) =>
      Boolean(m.text?.startsWith("义诊")),
    );
    expect((await press(h.fake, once, card, "✅ 报名")).text).toBe("已报名 ✅");
    const ask = await edit(admin, "时间", "每周三 9:00-11:00 共3次", undefined, "义诊");
    await press(h.fake, admin, ask, "不通知");
    const done = await h.fake.waitFor(() => h.fake.sent(admin.id).findLast((m) => m.text?.includes("改成了重复活动")));
    expect(done.text).toBe(
      "✅ 「义诊」改成了重复活动：每周三，共 3 次（从 6月10日 周三 9:00–11:00 到 6月24日 周三 9:00–11:00）。已报名的人保留在第一次。",
    );
    const rows = await db().event.findMany({
      where: { title: "义诊", organisation: { name: `观影协会${n}` } },
      orderBy: { startsAt: "asc" },
      include: { signups: true },
    });
    expect(rows.map((e) => [e.startsAt.toISOString(), e.capacity, e.place, e.signups.length])).toEqual([
      ["2026-06-10T01:00:00.000Z", 5, "洞桥", 1],
      ["2026-06-17T01:00:00.000Z", 5, "洞桥", 0],
      ["2026-06-24T01:00:00.000Z", 5, "洞桥", 0],
    ]);
    expect(new Set(rows.map((e) => e.seriesId)).size).toBe(1);
    await h.fake.waitFor(() =>
      h.fake
        .sent(chat)
        .find((m) => m.message_id === card.message_id && m.text?.includes("🔁 每周三 · 本次起还有 3 次（至6月24日）")),
    );
  });

  it("cancelling asks too: this one alone, then this and every later one, each person and group told once", async () => {
    const { admin, all, chat, events } = await series();
    const cancel = async (button: string) => {
      const pick = await sendAndWait(h.fake, admin, chat, "/cancelevent", (m) => buttonTexts(m).includes("社区观影"));
      const before = h.fake.sent(chat).length;
      await press(h.fake, admin, pick, "社区观影");
      const ask = await h.fake.waitFor(() =>
        h.fake
          .sent(chat)
          .slice(before)
          .find((m) => m.text?.includes("取消哪些")),
      );
      return { ask, toast: await press(h.fake, admin, ask, button) };
    };
    // a moment after the members' /start (the bot sends one private message a second to a person)
    clock = new Date(now.getTime() + 5_000);
    const first = await cancel("🗑 只取消这一次");
    expect(first.ask.text).toBe("「社区观影」是「每周六」系列中的一次，这次有 2 人报名（含候补）。取消哪些？");
    expect(buttonTexts(first.ask)).toEqual(["🗑 只取消这一次", "🗑 取消这次及以后的 3 次", "不取消"]);
    expect((await events()).map((e) => e.status)).toEqual(["cancelled", "published", "published"]);
    // that one alone is told as any cancelled event (before the bot's clock moves on a minute)
    const single = "❌ 活动「社区观影」（6月6日 周六 14:00–16:00）已取消。";
    await h.fake.waitFor(() => h.fake.sent(all.id).find((m) => m.text === single));
    clock = new Date(now.getTime() + 60_000);
    const rest = await cancel("🗑 取消这次及以后的 2 次");
    expect(rest.toast.text).toBe("已取消 2 次活动");
    // the first notice may have been counted at the new minute: another moment for the next one to that person
    clock = new Date(now.getTime() + 70_000);
    expect((await events()).map((e) => e.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    const notice = "❌「社区观影」从 6月13日 周六 14:00–16:00 起的 2 次活动（每周六）已取消。";
    await h.fake.waitFor(() => h.fake.sent(all.id).find((m) => m.text === notice));
    await h.fake.waitFor(() => h.fake.sent(chat).find((m) => m.text === notice));
    const ids = (await events()).map((e) => e.id);
    // one notice each for the two later ones together: the member and the group
    expect(await db().delivery.count({ where: { kind: "event-cancelled", eventId: { in: ids.slice(1) } } })).toBe(2);
    clock = now;
  });
});
