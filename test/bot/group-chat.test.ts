import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerOf, buttonTexts, callbackData, press, sendAndWait } from "../support/chat.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai: "6月28日" is Sunday 28 June 2026.
const now = new Date("2026-06-01T02:00:00Z");

describe("the group chat, in Chinese", () => {
  let h: Harness;
  let admin: SimUser;
  let members: SimUser[];
  let outsider: SimUser;
  let group: GroupChatObject;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now } });
    admin = h.fake.user({ first_name: "王芳", username: "wangfang" });
    members = ["李雷", "韩梅梅", "张伟"].map((first_name) => h.fake.user({ first_name }));
    outsider = h.fake.user({ first_name: "路人" });
    group = h.fake.group({ title: "阳光志愿者群", creator: admin, members: [...members, outsider] });
  });
  afterAll(() => h?.stop());

  /** A fresh group (an admin, three members and an outsider) set up in one line as its own organisation. */
  async function groupWithOrganisation(name: string) {
    const admin = h.fake.user({ first_name: "王芳", username: "wangfang" });
    const members = ["李雷", "韩梅梅", "张伟"].map((first_name) => h.fake.user({ first_name }));
    const outsider = h.fake.user({ first_name: "路人" });
    const group = h.fake.group({ title: `${name}群`, creator: admin, members: [...members, outsider] });
    await sendAndWait(h.fake, admin, group, `/setup new ${name} | 组织 | - | Asia/Shanghai | zh-CN`);
    const chat = await h.app.services.database.prisma.chat.findUniqueOrThrow({ where: { id: BigInt(group.id) } });
    if (chat.organisationId === null) throw new Error(`${name} was not set up`);
    return { admin, members, outsider, group, organisationId: chat.organisationId };
  }

  /** Such a group with the card of a 2-place event posted in it. */
  async function groupWithEvent(name: string) {
    const setUp = await groupWithOrganisation(name);
    const card = await sendAndWait(
      h.fake,
      setUp.admin,
      setUp.group,
      "/newevent 社区义诊 <b>免费</b> | 6月28日 9:00-11:30 | 幸福社区服务中心 | 2",
    );
    return { ...setUp, card };
  }

  /** Such an event after 李雷 and 韩梅梅 signed up, 张伟 was waitlisted, and (with `cancelled`) 李雷 cancelled. */
  async function eventWithSignups(name: string, cancelled: boolean) {
    const setUp = await groupWithEvent(name);
    const [li, han, zhang] = setUp.members as [SimUser, SimUser, SimUser];
    for (const member of [li, han, zhang]) await press(h.fake, member, setUp.card, "✅ 报名");
    if (cancelled) {
      await press(h.fake, li, setUp.card, "取消报名");
      await h.fake.waitFor(() => h.fake.sent(setUp.group).find((m) => m.text?.includes("空出了名额")));
    }
    return setUp;
  }

  it("before setup, /events tells an admin how to set up and a member that there is nothing yet", async () => {
    const forAdmin = await sendAndWait(h.fake, admin, group, "/events");
    expect(forAdmin.text).toContain("/setup");
    const forMember = await sendAndWait(h.fake, members[0]!, group, "/events@yiqi_test_bot");
    expect(forMember.text).toContain("还没有关联组织");
  });

  it("a non-admin cannot run /setup; nothing changes", async () => {
    const reply = await sendAndWait(h.fake, outsider, group, "/setup");
    expect(reply.text).toBe("只有群管理员可以设置本群，请找一位管理员发送 /setup。");
    expect(await h.app.services.database.prisma.organisation.count()).toBe(0);
  });

  it("an admin sets up the group through the guided conversation", async () => {
    const choose = await sendAndWait(h.fake, admin, group, "/setup", (m) => buttonTexts(m).length > 0);
    await press(h.fake, admin, choose, "新建组织");
    const askName = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("组织名称")));
    // an empty name is refused and asked again; nothing is created
    admin.send(group, "   ", { replyTo: askName });
    const empty = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.startsWith("名称不能为空")));
    expect(empty.text).toBe("名称不能为空，请重新回复组织名称：");
    expect(await h.app.services.database.prisma.organisation.count()).toBe(0);
    admin.send(group, "阳光志愿者协会", { replyTo: askName });
    const askKind = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text === "这个组织是哪一级？"));
    await press(h.fake, admin, askKind, "组织");
    // the parent is asked for by its join code: no existing hub is offered
    const askParent = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("上级的加入码")));
    expect(buttonTexts(askParent)).toEqual(["无上级"]);
    await press(h.fake, admin, askParent, "无上级");
    const askZone = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.startsWith("选择时区")));
    await press(h.fake, admin, askZone, "Asia/Shanghai");
    const askLocale = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text === "本群使用哪种语言？"));
    await press(h.fake, admin, askLocale, "中文");
    const done = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("已创建组织")));
    expect(done.text).toContain("阳光志愿者协会");
    expect(done.text).toMatch(/加入码：[A-Z2-9]{8}/);
  });

  it("a non-organiser cannot create an event; an organiser creates one in one line and its card appears", async () => {
    const { admin, outsider, group, organisationId } = await groupWithOrganisation("阳光志愿者协会");
    const refused = await sendAndWait(h.fake, outsider, group, "/newevent 偷偷建的活动 | 6月28日 | 某处 | 5");
    // no event exists yet: say who may create events and how to become an organiser
    expect(refused.text).toBe(
      "只有组织者可以创建活动：本群的管理员，以及被指定的组织者。\n想成为组织者？请群管理员回复你的消息发送 /organiser add，或发送 /organiser add @你的用户名。",
    );
    const card = await sendAndWait(
      h.fake,
      admin,
      group,
      "/newevent 社区义诊 <b>免费</b> | 6月28日 9:00-11:30 | 幸福社区服务中心 | 2",
    );
    expect(card.text).toContain("社区义诊 <b>免费</b>"); // shown literally: user text is escaped
    expect(card.text).toContain("6月28日 周日 9:00–11:30");
    expect(card.text).toContain("0/2");
    expect(buttonTexts(card)).toEqual(["✅ 报名", "取消报名", "👥 谁参加", "📅 加入日历", "⚙️ 管理"]);
    expect(await h.app.services.database.prisma.event.count({ where: { organisationId } })).toBe(1);
  });

  it("invalid parts of the one-line form get specific messages and nothing is created", async () => {
    const { admin, group, organisationId } = await groupWithEvent("晨光志愿者协会");
    const reply = await sendAndWait(h.fake, admin, group, "/newevent 读书会 | 六月某天 | 图书馆 | 很多");
    expect(reply.text).toContain("时间: 看不懂「六月某天」");
    expect(reply.text).toContain("名额: 「很多」不是数字");
    expect(buttonTexts(reply)).toEqual(["打开私聊"]);
    expect(await h.app.services.database.prisma.event.count({ where: { organisationId } })).toBe(1);
  });

  it("/events lists the event with its time, place and places", async () => {
    const { members, group } = await groupWithEvent("星光志愿者协会");
    const list = await sendAndWait(h.fake, members[0]!, group, "/events");
    expect(list.text).toContain("近期活动");
    expect(list.text).toContain("社区义诊");
    expect(list.text).toContain("6月28日 周日 9:00–11:30 · 幸福社区服务中心 · 0/2");
  });

  it("sign-up, double tap, waitlist, and the card following the counts", async () => {
    const { members, outsider, group, card } = await groupWithEvent("月光志愿者协会");
    const [li, han, zhang] = members as [SimUser, SimUser, SimUser];
    expect((await press(h.fake, li, card, "✅ 报名")).text).toBe("已报名 ✅");
    expect((await press(h.fake, li, card, "✅ 报名")).text).toBe("你已经报名了");
    expect((await press(h.fake, han, card, "✅ 报名")).text).toBe("已报名 ✅");
    expect((await press(h.fake, zhang, card, "✅ 报名")).text).toBe("名额已满，你在候补第 1 位");
    expect((await press(h.fake, zhang, card, "✅ 报名")).text).toBe("你已在候补第 1 位");
    const updated = await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.message_id === card.message_id && m.text?.includes("满员 · 候补 1")),
    );
    expect(updated.text).toContain("满员 · 候补 1");
    const who = await press(h.fake, outsider, card, "👥 谁参加");
    expect(who).toMatchObject({ show_alert: true, text: "已报名 2 人：李雷, 韩梅梅；候补 1 人" });
  });

  it("a cancel promotes the first waitlisted member, who is told in the group (never started the bot)", async () => {
    const { members, group, card } = await eventWithSignups("春风志愿者协会", false);
    const [li, , zhang] = members as [SimUser, SimUser, SimUser];
    expect((await press(h.fake, li, card, "取消报名")).text).toBe("已取消报名");
    const told = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("空出了名额")));
    expect(told.text).toContain("张伟");
    expect(told.entities?.some((e) => e.type === "text_mention" || e.type === "text_link")).toBe(true);
    expect((await press(h.fake, zhang, card, "✅ 报名")).text).toBe("你已经报名了");
    expect((await press(h.fake, li, card, "取消报名")).text).toBe("你还没有报名这个活动");
  });

  it("organiser actions are refused to members, and the organiser gets the full list privately", async () => {
    const { admin, outsider, card } = await eventWithSignups("夏雨志愿者协会", true);
    const refused = await press(h.fake, outsider, card, "⚙️ 管理");
    expect(refused).toMatchObject({ text: "只有本活动的组织者可以这样做", show_alert: true });
    const notStarted = await press(h.fake, admin, card, "⚙️ 管理");
    expect(notStarted.url).toMatch(/^https:\/\/t\.me\/yiqi_test_bot\?start=mg_\d+$/);
    admin.start(notStarted.url!.split("start=")[1]);
    const roster = await h.fake.waitFor(() => h.fake.sent(admin.id).find((m) => m.text?.includes("已报名 2/2")));
    expect(roster.text).toContain("韩梅梅");
    expect(roster.text).toContain("张伟");
    expect(roster.text).toContain("已取消 1");
    // forged organiser action by a member, straight at the callback
    const forged = await answerOf(h.fake, outsider.pressData(card, callbackData(roster, "截止报名")));
    expect(forged.text).toBe("只有本活动的组织者可以这样做");
    expect((await press(h.fake, admin, roster, "截止报名")).text).toBe("已截止报名");
    // the member's client may still show the card from before it was closed
    expect((await answerOf(h.fake, outsider.pressData(card, callbackData(card, "✅ 报名")))).text).toBe("报名已截止");
    expect(
      (
        await press(
          h.fake,
          admin,
          await h.fake.waitFor(() => h.fake.sent(admin.id).findLast((m) => buttonTexts(m).includes("重新开放报名"))),
          "重新开放报名",
        )
      ).text,
    ).toBe("已重新开放报名");
  });

  it("forged, stale and foreign buttons get a polite toast and change nothing", async () => {
    const { outsider, card } = await groupWithEvent("秋叶志愿者协会");
    const db = h.app.services.database.prisma;
    const before = await db.signup.count();
    const stale = "这个按钮已失效，请重新发送 /events";
    const cases: [string, string][] = [
      ["garbage", stale],
      ["1:su:-1", stale],
      ["2:su:1", stale],
      ["1:zz:1", stale],
      [`1:su:${"9".repeat(50)}`, stale],
      ["1:su:999999", "这个活动已不存在，发送 /events 看看其他活动"],
    ];
    for (const [data, toast] of cases) {
      expect((await answerOf(h.fake, outsider.pressData(card, data))).text).toBe(toast);
    }
    expect(await db.signup.count()).toBe(before);
  });

  it("follows the group when it becomes a supergroup", async () => {
    const { members, group, organisationId } = await groupWithEvent("冬雪志愿者协会");
    const eventId = (await h.app.services.database.prisma.event.findFirstOrThrow({ where: { organisationId } })).id;
    const supergroup = h.fake.migrate(group);
    const moved = await h.fake.waitForAsync(async () => {
      const chat = await h.app.services.database.prisma.chat.findUnique({ where: { id: BigInt(supergroup.id) } });
      return chat?.organisationId ? chat : undefined;
    });
    expect(moved.organisationId).not.toBeNull();
    const list = await sendAndWait(h.fake, members[0]!, supergroup.id, "/events");
    expect(list.text).toContain("社区义诊");
    const cards = await h.app.services.database.prisma.eventMessage.findMany({ where: { eventId } });
    expect(cards.some((c) => Number(c.chatId) === supergroup.id)).toBe(true);
    expect(cards.some((c) => Number(c.chatId) === group.id)).toBe(false);
  });
});
