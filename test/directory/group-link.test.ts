import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beforeCampaign, nextMessage, pressAndWait, textOf } from "../programmes/support.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { importNingbo } from "./ningbo.ts";

describe("one-tap linking with the startgroup link", () => {
  let h: Harness;
  let li: SimUser;
  let zhao: SimUser;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => beforeCampaign } });
    li = h.fake.user({ first_name: "李强" });
    zhao = h.fake.user({ first_name: "赵磊" });
  });
  afterAll(() => h.stop());

  /** A group the bot is not in yet; the admin opens the link, which adds the bot and sends /start <code>. */
  async function openLink(code: string) {
    const group = h.fake.group({ title: "海曙区社会组织群", creator: li, members: [zhao], bot: "left" });
    h.fake.setBotStatus(group, "member", { by: li });
    const since = h.fake.sent(group).length;
    li.send(group, `/start@yiqi_test_bot ${code}`);
    const ask = await nextMessage(h, group.id, since, (m) => textOf(m).includes("要把本群关联到"));
    return { group, ask };
  }

  it("the admin confirms with a button; the group is linked and gets the district's upcoming event cards", async () => {
    const orgs = await importNingbo(h);
    const haishu = orgs.get("海曙区");
    if (!haishu) throw new Error("no 海曙区");
    await h.app.services.events.create({
      organisationId: haishu.id,
      title: "海曙区公益集市",
      window: {
        start: new Date("2026-06-28T01:00:00Z"),
        end: new Date("2026-06-28T04:00:00Z"),
        precision: "exact",
        timeZone: "Asia/Shanghai",
      },
    });
    const { group, ask } = await openLink(haishu.joinCode);
    expect(textOf(ask)).toBe("要把本群关联到海曙区吗？关联后，本组织的活动会发到这个群里。");

    const refused = await pressAndWait(h, zhao, ask, "✅ 关联到海曙区");
    expect(refused).toMatchObject({
      text: "只有群管理员可以把本群关联到组织，请找一位管理员来操作。",
      show_alert: true,
    });
    expect((await h.app.services.chats.profile(BigInt(group.id)))?.organisationId ?? null).toBeNull();

    const since = h.fake.sent(group).length;
    await pressAndWait(h, li, ask, "✅ 关联到海曙区");
    await nextMessage(h, group.id, since, (m) => textOf(m).startsWith("✅ 本群已关联到海曙区"));
    const card = await nextMessage(h, group.id, since, (m) => textOf(m).includes("海曙区公益集市"));
    expect(card.reply_markup?.inline_keyboard.flat().length).toBeGreaterThan(0);
    const row = await h.app.services.database.prisma.chat.findUnique({ where: { id: BigInt(group.id) } });
    expect(row?.organisationId).toBe(haishu.id);
  });

  it("a member who is not an admin cannot link the group with the code", async () => {
    const orgs = await importNingbo(h);
    const group = h.fake.group({ title: "江北区群", creator: li, members: [zhao] });
    const since = h.fake.sent(group).length;
    zhao.send(group, `/start ${orgs.get("江北区")?.joinCode}`);
    const answer = await nextMessage(h, group.id, since);
    expect(textOf(answer)).toBe("只有群管理员可以把本群关联到组织，请找一位管理员来操作。");
    expect((await h.app.services.chats.profile(BigInt(group.id)))?.organisationId ?? null).toBeNull();
  });

  it("an unknown code is named, and a plain /start in a group still greets", async () => {
    const group = h.fake.group({ title: "测试群", creator: li });
    let since = h.fake.sent(group).length;
    li.send(group, "/start ZZZZ9999");
    expect(textOf(await nextMessage(h, group.id, since))).toContain("ZZZZ9999");
    since = h.fake.sent(group).length;
    li.send(group, "/start");
    expect(textOf(await nextMessage(h, group.id, since)).length).toBeGreaterThan(0);
  });
});
