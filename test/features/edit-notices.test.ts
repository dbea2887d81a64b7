import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

describe.each(databaseKinds)("an edit of the time or place tells the people signed up, on %s", (kind) => {
  let h: Harness;
  let n = 0;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  /** A group with an event; one member who started the bot and one who never did, both signed up. */
  async function eventWithSignups() {
    n++;
    const admin = h.fake.user({ first_name: `组织者${n}` });
    const started = h.fake.user({ first_name: `李雷${n}` });
    const stranger = h.fake.user({ first_name: `韩梅梅${n}` });
    const group = h.fake.group({ title: `观影群${n}`, creator: admin, members: [started, stranger] });
    await sendAndWait(h.fake, admin, group, `/setup new 观影协会${n} | 组织 | - | Asia/Shanghai | zh-CN`);
    const card = await sendAndWait(
      h.fake,
      admin,
      group,
      "/newevent 社区观影 | 6月27日 14:00-16:00 | 社区活动室 | 30",
      (m) => Boolean(m.text?.startsWith("社区观影")),
    );
    await sendAndWait(h.fake, started, started.id, "/start");
    expect((await press(h.fake, started, card, "✅ 报名")).text).toBe("已报名 ✅");
    expect((await press(h.fake, stranger, card, "✅ 报名")).text).toBe("已报名 ✅");
    admin.start();
    return { admin, started, stranger, group, card };
  }

  /** /edit → the event → the part, typed. Returns the bot's answer. */
  async function edit(admin: SimUser, part: string, text: string, question: string) {
    const dm = admin.id;
    const pick = await sendAndWait(h.fake, admin, dm, "/edit", (m) => buttonTexts(m).includes("社区观影"));
    await press(h.fake, admin, pick, "社区观影");
    const which = await h.fake.waitFor(() => h.fake.sent(dm).findLast((m) => m.text?.startsWith("修改「社区观影」")));
    const asked = h.fake.sent(dm).length;
    await press(h.fake, admin, which, part);
    await h.fake.waitFor(() =>
      h.fake
        .sent(dm)
        .slice(asked)
        .find((m) => m.text?.startsWith(question)),
    );
    return sendAndWait(h.fake, admin, dm, text, (m) => buttonTexts(m).length > 0 || Boolean(m.text?.startsWith("✅")));
  }

  it("the organiser chooses to tell them: a private message, and one group mention for who never started the bot", async () => {
    const { admin, started, stranger, group, card } = await eventWithSignups();
    const ask = await edit(admin, "时间", "6月28日 9:00-11:00", "什么时间？");
    expect(ask.text).toBe("已报名（含候补）的有 2 人。要把这次修改通知他们吗？");
    await press(h.fake, admin, ask, "📣 通知他们");
    const done = await h.fake.waitFor(() => h.fake.sent(admin.id).findLast((m) => m.text?.startsWith("✅ 已更新")));
    expect(done.text).toContain("已通知 2 人。");
    const dm = await h.fake.waitFor(() => h.fake.sent(started.id).find((m) => m.text?.includes("有变动")));
    expect(dm.text).toBe("✏️ 你报名的「社区观影」有变动：\n🕘 时间：6月27日 周六 14:00–16:00 → 6月28日 周日 9:00–11:00");
    const mention = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("有变动")));
    expect(mention.text).toContain(stranger.user.first_name);
    expect(mention.text).not.toContain(started.user.first_name);
    expect(mention.entities?.some((e) => e.type === "text_link" || e.type === "text_mention")).toBe(true);
    await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.message_id === card.message_id && m.text?.includes("6月28日 周日 9:00–11:00")),
    );
  });

  it("the place too; and choosing not to tell applies the edit and sends nobody anything", async () => {
    const { admin, started, group, card } = await eventWithSignups();
    const ask = await edit(admin, "地点", "街道文化中心", "在哪里？");
    await press(h.fake, admin, ask, "不通知");
    const done = await h.fake.waitFor(() => h.fake.sent(admin.id).findLast((m) => m.text?.startsWith("✅ 已更新")));
    expect(done.text).not.toContain("已通知");
    await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.message_id === card.message_id && m.text?.includes("街道文化中心")),
    );
    const db = h.app.services.database.prisma;
    const event = await db.event.findFirstOrThrow({
      where: { title: "社区观影", organisation: { name: `观影协会${n}` } },
    });
    expect(await db.delivery.count({ where: { kind: "event-changed", eventId: event.id } })).toBe(0);
    // told about the next edit, old → new
    const again = await edit(admin, "地点", "线上", "在哪里？");
    await press(h.fake, admin, again, "📣 通知他们");
    const dm = await h.fake.waitFor(() => h.fake.sent(started.id).find((m) => m.text?.includes("有变动")));
    expect(dm.text).toContain("📍 地点：街道文化中心 → 线上活动");
  });
});
