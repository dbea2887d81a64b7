import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCallback } from "../../src/views/callback-data.ts";
import { answerOf, buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai; the event is on 27 June.
const start = new Date("2026-06-01T02:00:00Z");
const HOUR = 3_600_000;

describe.each(databaseKinds)("waitlist offers that expire, on %s", (kind) => {
  let h: Harness;
  let clock = start;
  let n = 0;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => clock } });
  });
  afterAll(() => h?.stop());

  const prisma = () => h.app.services.database.prisma;

  /** An event of one place whose freed places are offered for two hours (set in /edit). */
  async function eventWithOffers(names: string[]) {
    n++;
    clock = start;
    const admin = h.fake.user({ first_name: `王芳${n}` });
    const members = names.map((name) => h.fake.user({ first_name: `${name}${n}` }));
    const group = h.fake.group({ title: `观影群${n}`, creator: admin, members });
    await sendAndWait(h.fake, admin, group, `/setup new 观影协会${n} | 组织 | - | Asia/Shanghai | zh-CN`);
    const card = await sendAndWait(h.fake, admin, group, "/newevent 社区观影 | 6月27日 14:00-16:00 | 活动室 | 1", (m) =>
      Boolean(m.text?.startsWith("社区观影")),
    );
    admin.start();
    const dm = admin.id;
    const pick = await sendAndWait(h.fake, admin, dm, "/edit", (m) => buttonTexts(m).includes("社区观影"));
    await press(h.fake, admin, pick, "社区观影");
    const which = await h.fake.waitFor(() => h.fake.sent(dm).findLast((m) => m.text?.startsWith("修改「社区观影」")));
    await press(h.fake, admin, which, "候补名额确认");
    await h.fake.waitFor(() => h.fake.sent(dm).findLast((m) => m.text?.startsWith("有人取消时")));
    const bad = await sendAndWait(h.fake, admin, dm, "很久");
    expect(bad.text).toContain("请回复 10 分钟到 48 小时之间的时间");
    await sendAndWait(h.fake, admin, dm, "2小时", (m) => Boolean(m.text?.startsWith("✅")));
    const event = await prisma().event.findFirstOrThrow({ where: { title: "社区观影" }, orderBy: { id: "desc" } });
    expect(event.offerMinutes).toBe(120);
    return { admin, members, group, card, eventId: event.id };
  }

  async function started(user: SimUser) {
    user.start();
    await h.fake.waitFor(() => h.fake.sent(user.id).at(-1));
  }

  const signupOf = (eventId: number, u: SimUser) =>
    prisma().signup.findUnique({ where: { eventId_userId: { eventId, userId: BigInt(u.id) } } });

  it("a freed place is offered to the first in line; Decline passes it on; unanswered it lapses; no double offers", async () => {
    const { members, group, card, eventId } = await eventWithOffers(["李雷", "韩梅梅", "张伟", "赵敏"]);
    const [li, han, zhang, zhao] = members as [SimUser, SimUser, SimUser, SimUser];
    await started(li);
    await started(han);
    expect((await press(h.fake, li, card, "✅ 报名")).text).toBe("已报名 ✅");
    expect((await press(h.fake, han, card, "✅ 报名")).text).toBe("名额已满，你在候补第 1 位");
    expect((await press(h.fake, zhang, card, "✅ 报名")).text).toBe("名额已满，你在候补第 2 位");

    // 李雷 cancels: the place is kept for 韩梅梅 for two hours, nobody is moved up, nobody else may take it
    expect((await press(h.fake, li, card, "取消报名")).text).toBe("已取消报名");
    const offer = await h.fake.waitFor(() => h.fake.sent(han.id).find((m) => m.text?.includes("先留给你")));
    expect(offer.text).toContain("请在 6月1日 12:00 前确认");
    expect(buttonTexts(offer)).toEqual(["✅ 接受", "放弃"]);
    expect((await signupOf(eventId, han))?.status).toBe("offered");
    expect((await signupOf(eventId, zhang))?.status).toBe("waitlisted");
    expect((await press(h.fake, zhao, card, "✅ 报名")).text).toBe("名额已满，你在候补第 2 位");
    // a repeated cancel-and-promote pass offers nothing twice
    expect(await h.app.services.signups.fillFreePlaces(eventId, clock)).toEqual([]);
    expect(await prisma().delivery.count({ where: { eventId, key: { startsWith: "offer:" } } })).toBe(1);

    // someone else's forged Accept takes nothing
    const before = await prisma().signup.findMany({ where: { eventId }, orderBy: { id: "asc" } });
    await started(zhao);
    const forged = await answerOf(
      h.fake,
      zhao.pressData(h.fake.sent(zhao.id).at(-1) ?? offer, encodeCallback("offerAccept", eventId)),
    );
    expect(forged.text).toBe("现在没有留给你的名额。");
    expect(await prisma().signup.findMany({ where: { eventId }, orderBy: { id: "asc" } })).toEqual(before);

    // 韩梅梅 declines: 张伟 (never started the bot) is offered it in the group, with the link to the bot
    await press(h.fake, han, offer, "放弃");
    await h.fake.waitFor(() => h.fake.sent(han.id).find((m) => m.text?.startsWith("已放弃「社区观影」的名额")));
    expect((await signupOf(eventId, han))?.status).toBe("cancelled");
    const mention = await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.text?.includes(zhang.user.first_name) && m.text.includes("先留给你")),
    );
    const open = mention.reply_markup?.inline_keyboard.flat()[0];
    expect(open && "url" in open ? open.url : "").toMatch(new RegExp(`\\?start=of_${eventId}$`));
    // the link shows the offer in private, with its buttons
    zhang.start(`of_${eventId}`);
    const shown = await h.fake.waitFor(() => h.fake.sent(zhang.id).find((m) => m.text?.includes("先留给你")));
    expect(buttonTexts(shown)).toEqual(["✅ 接受", "放弃"]);

    // two hours pass: the offer lapses (the job runs once per place), 张伟 is told, 赵敏 is offered it
    clock = new Date(start.getTime() + 2 * HOUR + 60_000);
    // two passes at once (as two instances would run them): each decides under the event's lock, one releases
    const passes = await Promise.all([h.app.scheduler.releaseExpired(clock), h.app.services.holds.expire(clock)]);
    expect(passes[0] + passes[1]).toBe(1);
    expect(await h.app.scheduler.releaseExpired(clock)).toBe(0);
    // still one offer per member: 韩梅梅, 张伟 (in the group), now 赵敏
    expect(await prisma().delivery.count({ where: { eventId, key: { startsWith: "offer:" } } })).toBe(3);
    expect((await signupOf(eventId, zhang))?.status).toBe("cancelled");
    await h.fake.waitFor(() => h.fake.sent(zhang.id).find((m) => m.text?.includes("没有按时确认")));
    expect((await signupOf(eventId, zhao))?.status).toBe("offered");
    // a late Accept on the lapsed offer takes nothing
    await press(h.fake, zhang, shown, "✅ 接受");
    await h.fake.waitFor(() =>
      h.fake.sent(zhang.id).find((m) => m.text?.startsWith("「社区观影」留给你的名额已经过期")),
    );
    expect((await signupOf(eventId, zhang))?.status).toBe("cancelled");

    // 赵敏 accepts: signed up
    const zhaoOffer = await h.fake.waitFor(() => h.fake.sent(zhao.id).find((m) => m.text?.includes("先留给你")));
    await press(h.fake, zhao, zhaoOffer, "✅ 接受");
    await h.fake.waitFor(() => h.fake.sent(zhao.id).find((m) => m.text === "已确认，你已正式报名「社区观影」✅"));
    expect((await signupOf(eventId, zhao))?.status).toBe("confirmed");
    expect(await prisma().signup.count({ where: { eventId, status: { in: ["confirmed", "offered", "held"] } } })).toBe(
      1,
    );
  });

  it("close to the start the offer is shorter: at most half the time left; /my shows it with its buttons", async () => {
    const { members, card, eventId } = await eventWithOffers(["李雷", "韩梅梅"]);
    const [li, han] = members as [SimUser, SimUser];
    await started(li);
    await started(han);
    await press(h.fake, li, card, "✅ 报名");
    await press(h.fake, han, card, "✅ 报名");
    // 27 June 13:00 in Shanghai: an hour before the start, so the offer lasts half an hour
    clock = new Date("2026-06-27T05:00:00Z");
    await press(h.fake, li, card, "取消报名");
    await h.fake.waitForAsync(async () => (await signupOf(eventId, han))?.status === "offered");
    expect((await signupOf(eventId, han))?.heldUntil?.toISOString()).toBe("2026-06-27T05:30:00.000Z");
    await h.fake.waitFor(() => h.fake.sent(han.id).find((m) => m.text?.includes("先留给你")));
    const my = await sendAndWait(h.fake, han, han.id, "/my", (m) => Boolean(m.text?.includes("🎟")));
    expect(my.text).toContain("🎟 有名额留给你，6月27日 13:30 前有效");
    await press(h.fake, han, my, "✅ 接受");
    await h.fake.waitForAsync(async () => (await signupOf(eventId, han))?.status === "confirmed");
  });
});
