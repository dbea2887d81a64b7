import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerOf, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");
/** A thousand rows take a while on a loaded machine: the waits below allow for it (never the result). */
const slow = { timeoutMs: 30_000 };

describe.each(databaseKinds)("an event with 1,000 sign-ups, on %s", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  it("taps, who's going and the organiser's list work: counts where the names do not fit, the rest as documents", async () => {
    const admin = h.fake.user({ first_name: "组织者" });
    const member = h.fake.user({ first_name: "最后一位" });
    const late = h.fake.user({ first_name: "迟到者" });
    const group = h.fake.group({ title: "健步走群", creator: admin, members: [member, late] });
    await sendAndWait(h.fake, admin, group, "/setup new 健步走协会 | 组织 | - | Asia/Shanghai | zh-CN");
    const card = await sendAndWait(
      h.fake,
      admin,
      group,
      "/newevent 慈善健步走 | 6月28日 8:00-11:00 | 东钱湖 | 1001",
      (m) => Boolean(m.text?.startsWith("慈善健步走")),
    );
    const db = h.app.services.database.prisma;
    const event = await db.event.findFirstOrThrow({ where: { title: "慈善健步走" } });
    // 999 people signed up before (written directly: tapping 999 times would only test the fake's speed)
    const ids = Array.from({ length: 999 }, (_, i) => BigInt(5_000_000 + i));
    await db.user.createMany({ data: ids.map((id, i) => ({ id, firstName: `志愿者${i + 1}` })) });
    await db.signup.createMany({
      data: ids.map((userId, i) => ({ eventId: event.id, userId, status: "confirmed" as const, seq: i + 1 })),
    });
    expect((await press(h.fake, admin, card, "✅ 报名")).text).toBe("已报名 ✅"); // the 1,000th
    expect((await press(h.fake, member, card, "✅ 报名")).text).toBe("已报名 ✅"); // the 1,001st: full now
    expect((await answerOf(h.fake, late.press(card, "✅ 报名"))).text).toBe("名额已满，你在候补第 1 位");
    await h.fake.waitFor(
      () => h.fake.sent(group).find((m) => m.message_id === card.message_id && m.text?.includes("满员 · 候补 1")),
      slow,
    );

    // who's going: a member who never started the bot is sent to the private chat, then gets the list there
    const who = await press(h.fake, member, card, "👥 谁参加");
    expect(who.url).toMatch(/start=wh_\d+$/);
    member.start(who.url?.split("start=")[1]);
    const names = await h.fake.waitFor(
      () => h.fake.documents(member.id).find((d) => d.fileName.endsWith(".txt")),
      slow,
    );
    const list = names.data.toString("utf8");
    expect(list.split("\n").filter((l) => /^\d+\. /.test(l))).toHaveLength(1001);
    expect(list).toContain("1001. 最后一位");
    // started now: the alert shows the counts within Telegram's 200 characters, and the list comes privately
    const alert = await press(h.fake, member, card, "👥 谁参加");
    expect(alert.show_alert).toBe(true);
    expect(Array.from(alert.text ?? "").length).toBeLessThanOrEqual(200);
    expect(alert.text).toContain("已报名 1001 人；候补 1 人");

    // the organiser's list: one message within 4096 characters, and the whole list as a spreadsheet
    admin.start();
    await press(h.fake, admin, card, "⚙️ 管理");
    const roster = await h.fake.waitFor(
      () => h.fake.sent(admin.id).find((m) => m.text?.includes("已报名 1001/1001")),
      slow,
    );
    expect(roster.text?.length).toBeLessThanOrEqual(4096);
    const csv = await h.fake.waitFor(() => h.fake.documents(admin.id).find((d) => d.fileName.endsWith(".csv")), slow);
    const rows = csv.data.toString("utf8").trim().split("\n");
    expect(rows).toHaveLength(1 + 1002);
    expect(csv.data.toString("utf8")).toContain("迟到者");
  });
});
