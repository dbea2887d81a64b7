import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

/** A member reads what is stored about them, deletes it, and the rosters, exports and counts are checked. */
describe("/privacy and /forgetme", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  const prisma = () => h.app.services.database.prisma;

  async function eventWithTwoSignups(name: string) {
    const admin = h.fake.user({ first_name: "王芳" });
    const li = h.fake.user({ first_name: "李雷", username: "lilei" });
    const han = h.fake.user({ first_name: "韩梅梅" });
    const group = h.fake.group({ title: `${name}群`, creator: admin, members: [li, han] });
    await sendAndWait(h.fake, admin, group, `/setup new ${name} | 组织 | - | Asia/Shanghai`);
    const card = await sendAndWait(h.fake, admin, group, `/newevent ${name}植树 | 6月28日 9:00-11:00 | 公园 | 5`);
    for (const member of [li, han]) await press(h.fake, member, card, "✅ 报名");
    const event = await prisma().event.findFirstOrThrow({ where: { title: `${name}植树` } });
    // 李雷 already has hours on record (as after attendance was confirmed)
    await prisma().signup.updateMany({ where: { eventId: event.id, userId: BigInt(li.id) }, data: { hours: 2.5 } });
    return { admin, li, han, group, card, eventId: event.id };
  }

  it("/privacy in a group points to the private chat; there it says what is stored and why", async () => {
    const { li, group } = await eventWithTwoSignups("青松");
    const inGroup = await sendAndWait(h.fake, li, group, "/privacy");
    expect(buttonTexts(inGroup)).toEqual(["打开私聊"]);
    expect(inGroup.text).not.toContain("报名");
    li.start();
    const text = (await sendAndWait(h.fake, li, li.id, "/privacy", (m) => Boolean(m.text?.includes("保存了")))).text;
    expect(text).toContain("你的报名（1 条");
    expect(text).toContain("/forgetme");
  });

  it("/forgetme deletes the person after confirming; names become a placeholder, counts and hours stay", async () => {
    const { admin, li, han, group, card, eventId } = await eventWithTwoSignups("翠柏");
    const liId = BigInt(li.id);
    const hoursOf = async () =>
      (await prisma().signup.findMany({ where: { eventId } })).reduce((sum, s) => sum + (s.hours ?? 0), 0);
    const hoursBefore = await hoursOf();
    li.start();
    const ask = await sendAndWait(h.fake, li, li.id, "/forgetme", (m) => buttonTexts(m).length > 0);
    expect(buttonTexts(ask)).toEqual(["🗑 确认删除我的信息", "不删除"]);
    // nothing is deleted before the confirmation
    expect(await prisma().user.count({ where: { id: liId } })).toBe(1);
    await press(h.fake, li, ask, "🗑 确认删除我的信息");
    await h.fake.waitFor(() => h.fake.sent(li.id).find((m) => m.text?.startsWith("✅ 已删除你的信息")));

    expect(await prisma().user.count({ where: { id: liId } })).toBe(0);
    expect(await prisma().chatMember.count({ where: { userId: liId } })).toBe(0);
    expect(await prisma().chat.count({ where: { id: liId } })).toBe(0);
    expect(await prisma().signup.count({ where: { userId: liId } })).toBe(0);
    expect(await prisma().signup.count({ where: { eventId, status: "confirmed" } })).toBe(2);
    expect(await hoursOf()).toBe(hoursBefore);
    expect(hoursBefore).toBe(2.5);

    // who's going, the organiser's roster and the export show the placeholder, never the name
    const who = await press(h.fake, han, card, "👥 谁参加");
    expect(who.text).toContain("已删除资料的成员");
    expect(who.text).not.toContain("李雷");
    admin.start();
    const roster = await sendAndWait(h.fake, admin, admin.id, `/start mg_${eventId}`, (m) =>
      Boolean(m.text?.includes("已报名")),
    );
    expect(roster.text).toContain("已删除资料的成员");
    expect(roster.text).not.toContain("李雷");
    expect(roster.text).not.toContain("lilei");
    expect(roster.text).toContain("韩梅梅");
    await press(h.fake, admin, roster, "📄 导出报名名单（CSV）");
    const [csv] = await h.fake.waitFor(() => {
      const docs = h.fake.documents(admin.id);
      return docs.length > 0 ? docs : undefined;
    });
    const exported = csv?.data.toString("utf8") ?? "";
    expect(exported).toContain("已删除资料的成员");
    expect(exported).toContain("韩梅梅");
    expect(exported).not.toContain("李雷");
    expect(exported).not.toContain("lilei");
    expect(group.id).toBeLessThan(0);
  });

  it("after /forgetme the person can use Yiqi again from scratch", async () => {
    const { li, card } = await eventWithTwoSignups("红枫");
    li.start();
    const ask = await sendAndWait(h.fake, li, li.id, "/forgetme", (m) => buttonTexts(m).length > 0);
    await press(h.fake, li, ask, "🗑 确认删除我的信息");
    await h.fake.waitFor(() => h.fake.sent(li.id).find((m) => m.text?.startsWith("✅ 已删除你的信息")));
    // signed up again as a new person: their old (anonymous) place does not count as theirs
    expect((await press(h.fake, li, card, "✅ 报名")).text).toBe("已报名 ✅");
    expect(await prisma().user.count({ where: { id: BigInt(li.id) } })).toBe(1);
  });
});
