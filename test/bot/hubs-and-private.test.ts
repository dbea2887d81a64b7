import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

describe("hubs, private chats and /my", () => {
  let h: Harness;
  let hubAdmin: SimUser;
  let orgAdmin: SimUser;
  let member: SimUser;
  let hub: GroupChatObject;
  let org: GroupChatObject;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now } });
    hubAdmin = h.fake.user({ first_name: "赵主任" });
    orgAdmin = h.fake.user({ first_name: "王芳" });
    member = h.fake.user({ first_name: "李雷" });
    hub = h.fake.group({ title: "东城区社会组织", creator: hubAdmin });
    org = h.fake.group({ title: "阳光志愿者群", creator: orgAdmin, members: [member] });
    const created = await sendAndWait(
      h.fake,
      hubAdmin,
      hub,
      "/setup new 东城区社会组织服务中心 | 区县 | - | Asia/Shanghai | zh-CN",
    );
    const code = /加入码：([A-Z2-9]{8})/.exec(created.text ?? "")?.[1];
    await sendAndWait(h.fake, orgAdmin, org, `/setup new 阳光志愿者协会 | 组织 | ${code} | Asia/Shanghai | zh-CN`);
    await sendAndWait(h.fake, orgAdmin, org, "/newevent 爱心茶摊 | 6月28日 全天 | 东城区环卫站 | 不限");
    await sendAndWait(h.fake, hubAdmin, hub, "/newevent 区级培训 | 6月下旬 | 区服务中心 | 50");
  });
  afterAll(() => h?.stop());

  /** A new member of the organisation's group who signed up for the tea stand, started the bot and asked for /events privately. */
  async function memberWithPrivateList(first_name: string) {
    const newcomer = h.fake.user({ first_name });
    h.fake.setMemberStatus(org, newcomer, "member");
    const card = h.fake.sent(org).find((m) => m.text?.startsWith("爱心茶摊"))!;
    await press(h.fake, newcomer, card, "✅ 报名");
    newcomer.start();
    await sendAndWait(h.fake, newcomer, newcomer.id, "/events", (m) => m.text?.includes("近期活动") ?? false);
    return newcomer;
  }

  it("a district hub's /events shows its own events and those of the organisations below it", async () => {
    const list = await sendAndWait(h.fake, hubAdmin, hub, "/events");
    expect(list.text).toContain("爱心茶摊");
    expect(list.text).toContain("6月28日 周日 · 东城区环卫站 · 不限名额 · 已报名 0 · 阳光志愿者协会");
    expect(list.text).toContain("区级培训");
    expect(list.text).toContain("6月下旬");
  });

  it("the organisation's own group does not see the hub's events", async () => {
    const list = await sendAndWait(h.fake, member, org, "/events");
    expect(list.text).toContain("爱心茶摊");
    expect(list.text).not.toContain("区级培训");
  });

  it("in a private chat, /events shows the events of the member's groups, and /my their sign-ups", async () => {
    const card = h.fake.sent(org).find((m) => m.text?.startsWith("爱心茶摊"))!;
    expect((await press(h.fake, member, card, "✅ 报名")).text).toBe("已报名 ✅");
    member.start();
    const list = await sendAndWait(h.fake, member, member.id, "/events", (m) => m.text?.includes("近期活动") ?? false);
    expect(list.text).toContain("爱心茶摊");
    expect(list.text).not.toContain("区级培训");
    const mine = await sendAndWait(h.fake, member, member.id, "/my");
    expect(mine.text).toContain("我的报名");
    expect(mine.text).toContain("爱心茶摊");
    expect(mine.text).toContain("✅ 已报名");
    const inGroup = await sendAndWait(h.fake, member, org, "/my");
    expect(buttonTexts(inGroup)).toEqual(["打开私聊"]);
  });

  it("a card opened from the private list works there too", async () => {
    const member = await memberWithPrivateList("韩梅梅");
    const list = h.fake.sent(member.id).findLast((m) => m.text?.includes("近期活动"))!;
    await press(h.fake, member, list, "1. 爱心茶摊");
    const card = await h.fake.waitFor(() => h.fake.sent(member.id).find((m) => m.text?.startsWith("爱心茶摊")));
    expect((await press(h.fake, member, card, "✅ 报名")).text).toBe("你已经报名了");
    const calendar = await press(h.fake, member, card, "📅 加入日历");
    expect(calendar.text).toBeUndefined();
    const [doc] = await h.fake.waitFor(() => {
      const docs = h.fake.documents(member.id);
      return docs.length > 0 ? docs : undefined;
    });
    expect(doc?.fileName).toMatch(/\.ics$/);
    expect(doc?.data.toString("utf8")).toContain("SUMMARY:爱心茶摊");
  });
});
