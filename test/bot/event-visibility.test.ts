import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerOf, buttonTexts, press, sendAndWait } from "../support/chat.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");
const PLACE = "张三家，幸福路8号3单元";
const REFUSAL = "抱歉，这个活动不存在，或只对它所在群的成员开放。";

/** A stranger tries every deep link and forged button on an event of a group they are not in. */
describe("who sees an event", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  const prisma = () => h.app.services.database.prisma;

  /** A district hub, an organisation under it, and an event of the organisation with one sign-up. */
  async function privateEvent(name: string) {
    const hubAdmin = h.fake.user({ first_name: "赵主任" });
    const hubMember = h.fake.user({ first_name: "钱多多" });
    const hubGroup = h.fake.group({ title: `${name}区群`, creator: hubAdmin, members: [hubMember] });
    const hub = await sendAndWait(h.fake, hubAdmin, hubGroup, `/setup new ${name}区中心 | 区县 | - | Asia/Shanghai`);
    const code = /加入码：([A-Z2-9]{8})/.exec(hub.text ?? "")?.[1] ?? "";
    const admin = h.fake.user({ first_name: "王芳" });
    const member = h.fake.user({ first_name: "李雷" });
    const quiet = h.fake.user({ first_name: "韩梅梅" }); // in the group, never seen by the bot
    const group = h.fake.group({ title: `${name}群`, creator: admin, members: [member, quiet] });
    await sendAndWait(h.fake, admin, group, `/setup new ${name}协会 | 组织 | ${code} | Asia/Shanghai`);
    const card = await sendAndWait(h.fake, admin, group, `/newevent ${name}家访 | 6月28日 9:00-11:30 | ${PLACE} | 5`);
    await press(h.fake, member, card, "✅ 报名");
    const event = await prisma().event.findFirstOrThrow({ where: { title: `${name}家访` } });
    const stranger = h.fake.user({ first_name: "陌生人" });
    stranger.start();
    await h.fake.waitFor(() => h.fake.sent(stranger.id).at(-1));
    return { admin, member, quiet, hubMember, stranger, card, eventId: event.id };
  }

  const lastPrivate = (user: SimUser) => h.fake.sent(user.id).at(-1);

  it("a stranger's deep links get a polite refusal naming nothing, the same as for a missing event", async () => {
    const { stranger, eventId } = await privateEvent("幸福");
    for (const payload of [`ev_${eventId}`, `ic_${eventId}`, "ev_999999", "ic_999999"]) {
      const reply = await sendAndWait(h.fake, stranger, stranger.id, `/start ${payload}`);
      expect(reply.text).toBe(REFUSAL);
    }
    expect(h.fake.documents(stranger.id)).toHaveLength(0);
    expect(h.fake.sent(stranger.id).some((m) => m.text?.includes(PLACE) || m.text?.includes("李雷"))).toBe(false);
  });

  it("a stranger's forged event buttons are refused and sign nobody up", async () => {
    const { stranger, eventId } = await privateEvent("安康");
    const message = lastPrivate(stranger);
    if (!message) throw new Error("no private message");
    for (const code of ["ev", "wh", "su", "ic", "mg", "cl", "pv"]) {
      const answer = await answerOf(h.fake, stranger.pressData(message, `1:${code}:${eventId}`));
      expect(answer.text ?? "").not.toContain("李雷");
      expect(answer.url).toBeUndefined();
    }
    expect(await prisma().signup.count({ where: { eventId, userId: BigInt(stranger.id) } })).toBe(0);
    const event = await prisma().event.findUniqueOrThrow({ where: { id: eventId } });
    expect(event.isPublic).toBe(false);
    expect(event.status).toBe("published");
    expect(h.fake.sent(stranger.id).some((m) => m.text?.includes(PLACE))).toBe(false);
  });

  it("members of its group (asked with getChatMember when never seen) and of the hub above see it", async () => {
    const { quiet, hubMember, member, eventId } = await privateEvent("和平");
    for (const user of [quiet, hubMember]) {
      user.start();
      const card = await sendAndWait(h.fake, user, user.id, `/start ev_${eventId}`, (m) =>
        Boolean(m.text?.includes(PLACE)),
      );
      const who = await press(h.fake, user, card, "👥 谁参加");
      expect(who.text).toContain("李雷");
    }
    expect(member.id).toBeGreaterThan(0);
  });

  it("an organiser makes it public: a stranger sees the card and signs up, but never the names", async () => {
    const { admin, stranger, eventId } = await privateEvent("光明");
    admin.start();
    const roster = await sendAndWait(h.fake, admin, admin.id, `/start mg_${eventId}`, (m) =>
      buttonTexts(m).includes("🌐 设为公开"),
    );
    expect(roster.text).toContain("仅限本组织及上级枢纽群的成员");
    expect((await press(h.fake, admin, roster, "🌐 设为公开")).text).toContain("已设为公开");
    expect((await prisma().event.findUniqueOrThrow({ where: { id: eventId } })).isPublic).toBe(true);
    const card = await sendAndWait(h.fake, stranger, stranger.id, `/start ev_${eventId}`, (m) =>
      Boolean(m.text?.includes(PLACE)),
    );
    expect(card.text).not.toContain("李雷");
    const who = await press(h.fake, stranger, card, "👥 谁参加");
    expect(who.text).toBe("报名名单只对本活动所在群的成员开放。");
    expect((await press(h.fake, stranger, card, "✅ 报名")).text).toBe("已报名 ✅");
    expect(await prisma().signup.count({ where: { eventId, status: "confirmed" } })).toBe(2);
    // and back to members only: the stranger's link is refused again
    const again = await h.fake.waitFor(() =>
      h.fake.sent(admin.id).findLast((m) => buttonTexts(m).includes("🔒 仅限群成员")),
    );
    expect((await press(h.fake, admin, again, "🔒 仅限群成员")).text).toContain("仅限群成员");
    expect((await sendAndWait(h.fake, stranger, stranger.id, `/start ev_${eventId}`)).text).toBe(REFUSAL);
  });
});
