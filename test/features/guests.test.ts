import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

describe.each(databaseKinds)("guests who hold places, on %s", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  it("+1/+2 take places, the waitlist waits its turn, fewer guests or a cancel free places for it", async () => {
    const admin = h.fake.user({ first_name: "组织者" });
    const [a, b, c, d] = ["李雷", "韩梅梅", "张伟", "王强"].map((name) => h.fake.user({ first_name: name })) as [
      SimUser,
      SimUser,
      SimUser,
      SimUser,
    ];
    const group = h.fake.group({ title: "观影群", creator: admin, members: [a, b, c, d] });
    await sendAndWait(h.fake, admin, group, "/setup new 观影协会 | 组织 | - | Asia/Shanghai | zh-CN");
    const card = await sendAndWait(
      h.fake,
      admin,
      group,
      "/newevent 社区观影 | 6月27日 14:00-16:00 | 活动室 | 3 +2",
      (m) => Boolean(m.text?.startsWith("社区观影")),
    );
    expect(card.text).toContain("每人可带 2 人（占名额）");
    expect(buttonTexts(card)).toEqual(expect.arrayContaining(["不带人", "+1 人", "+2 人"]));
    const db = h.app.services.database.prisma;
    const event = await db.event.findFirstOrThrow({ where: { title: "社区观影" } });
    const status = async (u: SimUser) =>
      (await db.signup.findUniqueOrThrow({ where: { eventId_userId: { eventId: event.id, userId: BigInt(u.id) } } }))
        .status;

    expect((await press(h.fake, c, card, "+1 人")).text).toBe("请先报名，再登记带的人");
    expect((await press(h.fake, a, card, "✅ 报名")).text).toBe("已报名 ✅");
    expect((await press(h.fake, a, card, "+2 人")).text).toBe("已登记带 2 人，共占 3 个名额");
    await h.fake.waitFor(() =>
      h.fake
        .sent(group)
        .find((m) => m.message_id === card.message_id && m.text?.includes("满员") && !m.text.includes("候补 0")),
    );
    expect((await press(h.fake, b, card, "✅ 报名")).text).toBe("名额已满，你在候补第 1 位");
    expect((await press(h.fake, c, card, "✅ 报名")).text).toBe("名额已满，你在候补第 2 位");
    expect((await press(h.fake, b, card, "+1 人")).text).toBe("你还在候补中，转为正式报名后才能带人");
    // one guest fewer: the freed place goes to the first on the waitlist
    expect((await press(h.fake, a, card, "+1 人")).text).toBe("已登记带 1 人，共占 2 个名额");
    await h.fake.waitForAsync(async () => (await status(b)) === "confirmed");
    expect(await status(c)).toBe("waitlisted");
    // full again: no room for b's guest (and c, waiting, is not passed)
    expect((await press(h.fake, b, card, "+1 人")).text).toBe("名额不够了：现在只能再多带 0 人");
    // a cancels: a and a's guest free two places; c (the only one waiting) gets one of them
    expect((await press(h.fake, a, card, "取消报名")).text).toBe("已取消报名");
    await h.fake.waitForAsync(async () => (await status(c)) === "confirmed");
    expect((await press(h.fake, b, card, "+1 人")).text).toBe("已登记带 1 人，共占 2 个名额");
    expect((await press(h.fake, d, card, "✅ 报名")).text).toBe("名额已满，你在候补第 1 位");
    admin.start();
    await press(h.fake, admin, card, "⚙️ 管理");
    const roster = await h.fake.waitFor(() => h.fake.sent(admin.id).find((m) => m.text?.includes("已报名 3/3")));
    expect(roster.text).toContain(`${b.user.first_name} +1`);
  });
});
