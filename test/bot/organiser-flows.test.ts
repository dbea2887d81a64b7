import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerOf, buttonTexts, callbackData, press, sendAndWait } from "../support/chat.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

describe("organisers: the guided /newevent, /edit and /cancelevent", () => {
  let h: Harness;
  let admin: SimUser;
  let member: SimUser;
  let group: GroupChatObject;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now } });
    admin = h.fake.user({ first_name: "王芳" });
    member = h.fake.user({ first_name: "李雷" });
    group = h.fake.group({ title: "阳光志愿者群", creator: admin, members: [member] });
    await sendAndWait(h.fake, admin, group, "/setup new 阳光志愿者协会 | 组织 | - | Asia/Shanghai | zh-CN");
  });
  afterAll(() => h?.stop());

  /** A fresh organisation in its own group, with an organiser, a member and the card of one event posted there. */
  async function groupWithEvent(name: string) {
    const admin = h.fake.user({ first_name: "王芳" });
    const member = h.fake.user({ first_name: "李雷" });
    const group = h.fake.group({ title: `${name}群`, creator: admin, members: [member] });
    await sendAndWait(h.fake, admin, group, `/setup new ${name} | 组织 | - | Asia/Shanghai | zh-CN`);
    await sendAndWait(h.fake, admin, group, "/newevent 垃圾分类宣传 | 6月下旬 | 线上 | 30", (m) =>
      Boolean(m.text?.startsWith("垃圾分类宣传")),
    );
    return { admin, member, group };
  }

  it("the group offers the private chat; there every part is asked, checked and echoed", async () => {
    const offer = await sendAndWait(h.fake, admin, group, "/newevent");
    expect(buttonTexts(offer)).toEqual(["打开私聊"]);
    const link = (offer.reply_markup!.inline_keyboard[0]![0] as { url: string }).url;
    admin.start(link.split("start=")[1]);
    const dm = admin.id;
    await h.fake.waitFor(() => h.fake.sent(dm).find((m) => m.text === "活动叫什么名字？"));
    await sendAndWait(h.fake, admin, dm, "垃圾分类宣传", (m) => m.text?.startsWith("什么时间？") ?? false);
    const bad = await sendAndWait(h.fake, admin, dm, "2月30日");
    expect(bad.text).toContain("「2月30日」不是有效日期");
    const reading = await sendAndWait(h.fake, admin, dm, "6月下旬", (m) => buttonTexts(m).length > 0);
    expect(reading.text).toBe("我理解的时间是：6月下旬。对吗？");
    await press(h.fake, admin, reading, "✅ 对");
    await h.fake.waitFor(() => h.fake.sent(dm).find((m) => m.text?.startsWith("在哪里？")));
    const askDetails = await sendAndWait(h.fake, admin, dm, "线上", (m) => m.text?.startsWith("活动内容") ?? false);
    await press(h.fake, admin, askDetails, "跳过");
    await h.fake.waitFor(() => h.fake.sent(dm).find((m) => m.text?.startsWith("名额多少？")));
    const tooMany = await sendAndWait(h.fake, admin, dm, "0");
    expect(tooMany.text).toContain("名额应在 1 到 100000 之间");
    const askDeadline = await sendAndWait(
      h.fake,
      admin,
      dm,
      "３０人",
      (m) => m.text?.startsWith("报名截止时间") ?? false,
    );
    await press(h.fake, admin, askDeadline, "不设截止");
    const groups = await h.fake.waitFor(() => h.fake.sent(dm).find((m) => buttonTexts(m).includes("📣 发布")));
    expect(groups.text).toContain("垃圾分类宣传");
    expect(groups.text).toContain("6月下旬");
    expect(buttonTexts(groups)).toContain("☑ 阳光志愿者群");
    await press(h.fake, admin, groups, "📣 发布");
    const posted = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.startsWith("垃圾分类宣传")));
    expect(posted.text).toContain("线上活动");
    expect(posted.text).toContain("0/30");
    const event = await h.app.services.database.prisma.event.findFirstOrThrow({ where: { title: "垃圾分类宣传" } });
    expect(event).toMatchObject({ precision: "part_of_month", online: true, capacity: 30, signupDeadline: null });
    expect(event.startsAt.toISOString()).toBe("2026-06-20T16:00:00.000Z");
  });

  it("editing the time updates the card in the group", async () => {
    const { admin, group } = await groupWithEvent("晨光志愿者协会");
    const dm = admin.id;
    const card = h.fake.sent(group).find((m) => m.text?.startsWith("垃圾分类宣传"))!;
    const pick = await sendAndWait(h.fake, admin, dm, "/edit", (m) => buttonTexts(m).includes("垃圾分类宣传"));
    await press(h.fake, admin, pick, "垃圾分类宣传");
    const which = await h.fake.waitFor(() => h.fake.sent(dm).find((m) => m.text?.startsWith("修改「垃圾分类宣传」")));
    await press(h.fake, admin, which, "时间");
    await h.fake.waitFor(() => h.fake.sent(dm).findLast((m) => m.text?.startsWith("什么时间？")));
    await sendAndWait(h.fake, admin, dm, "6月28日 9:00-11:00", (m) => m.text?.startsWith("✅ 已更新") ?? false);
    await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.message_id === card.message_id && m.text?.includes("6月28日 周日 9:00–11:00")),
    );
  });

  it("a member cannot use /cancelevent; the organiser cancels and the signed-up member is told", async () => {
    const { admin, member, group } = await groupWithEvent("星光志愿者协会");
    const card = h.fake.sent(group).find((m) => m.text?.startsWith("垃圾分类宣传"))!;
    member.start();
    expect((await press(h.fake, member, card, "✅ 报名")).text).toBe("已报名 ✅");
    const refused = await sendAndWait(h.fake, member, group, "/cancelevent");
    expect(refused.text).toContain("只有组织者可以创建或管理活动");
    const pick = await sendAndWait(h.fake, admin, group, "/cancelevent", (m) => buttonTexts(m).length > 0);
    expect((await press(h.fake, member, pick, "垃圾分类宣传")).show_alert).toBe(true);
    await press(h.fake, admin, pick, "垃圾分类宣传");
    const ask = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.startsWith("确定要取消活动")));
    expect(ask.text).toContain("已报名的 1 人会收到通知");
    await press(h.fake, admin, ask, "确认取消活动");
    const dmNotice = await h.fake.waitFor(() => h.fake.sent(member.id).find((m) => m.text?.startsWith("❌ 活动")));
    expect(dmNotice.text).toContain("垃圾分类宣传");
    await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.startsWith("❌ 活动「垃圾分类宣传」")));
    const cancelled = await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.message_id === card.message_id && m.text?.includes("已取消")),
    );
    expect(buttonTexts(cancelled)).not.toContain("✅ 报名");
    // a client still showing the old card taps its Sign up button
    const stale = member.pressData(card, callbackData(card, "✅ 报名"));
    expect((await answerOf(h.fake, stale)).text).toBe("活动已取消，不能报名");
  });

  it("an event created while a campaign runs can join it", async () => {
    const db = h.app.services.database.prisma;
    const org = await db.organisation.findFirstOrThrow({ where: { name: "阳光志愿者协会" } });
    const campaign = await db.campaign.create({
      data: {
        name: "公益服务日",
        organisationId: org.id,
        startsAt: new Date("2026-06-27T16:00:00Z"),
        endsAt: new Date("2026-06-28T16:00:00Z"),
      },
    });
    const dm = admin.id;
    const groups = await sendAndWait(
      h.fake,
      admin,
      dm,
      "/newevent 爱心义剪 | 6月28日 9:00-11:00 | 社区广场 | 10",
      (m) => buttonTexts(m).includes("📣 发布"),
    );
    expect(buttonTexts(groups)).toContain("☐ 加入「公益服务日」");
    await press(h.fake, admin, groups, "☐ 加入「公益服务日」");
    const again = await h.fake.waitFor(() =>
      h.fake.sent(dm).findLast((m) => buttonTexts(m).includes("☑ 加入「公益服务日」")),
    );
    await press(h.fake, admin, again, "📣 发布");
    await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.startsWith("爱心义剪")));
    const event = await db.event.findFirstOrThrow({ where: { title: "爱心义剪" } });
    expect(event.campaignId).toBe(campaign.id);
  });
});
