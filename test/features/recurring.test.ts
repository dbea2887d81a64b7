import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

describe.each(databaseKinds)("recurring activities, on %s", (kind) => {
  let h: Harness;
  let n = 0;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  const db = () => h.app.services.database.prisma;

  /** A new organisation's group with an organiser and members who started the bot. */
  async function group(members: number, locale: "zh-CN" | "en" = "zh-CN") {
    n++;
    const admin = h.fake.user({ first_name: `组织者${n}` });
    const people = Array.from({ length: members }, (_, i) =>
      h.fake.user({ first_name: `成员${n}-${i}`, started: true }),
    );
    const chat = h.fake.group({ title: `观影群${n}`, creator: admin, members: people });
    await sendAndWait(h.fake, admin, chat, `/setup new 观影协会${n} | 组织 | - | Asia/Shanghai | ${locale}`);
    return { admin, people, chat, org: `观影协会${n}` };
  }

  /** The occurrences of the organisation's series, soonest first. */
  async function occurrences(org: string) {
    return db().event.findMany({
      where: { organisation: { name: org }, seriesId: { not: null } },
      orderBy: { startsAt: "asc" },
    });
  }

  it("the one-line form makes one event per occurrence, each with its own places; the card and the reply say so", async () => {
    const { admin, chat, org } = await group(0);
    const before = h.fake.sent(chat).length;
    const card = await sendAndWait(
      h.fake,
      admin,
      chat,
      "/newevent 社区观影 | 每周六 14:00-16:00 至6月27日 | 社区活动室 | 2",
      (m) => Boolean(m.text?.startsWith("社区观影")),
    );
    expect(card.text).toContain("🕘 6月6日 周六 14:00–16:00");
    expect(card.text).toContain("🔁 每周六 · 本次起还有 4 次（至6月27日）");
    expect(buttonTexts(card)).toContain("🔁 报名以后每次（4 次）");
    const reply = await h.fake.waitFor(() =>
      h.fake
        .sent(chat)
        .slice(before)
        .find((m) => m.text?.startsWith("🔁 已排好")),
    );
    expect(reply.text).toBe(
      "🔁 已排好 4 次：每周六，从 6月6日 周六 14:00–16:00 到 6月27日 周六 14:00–16:00。每次都有自己的名额和报名。",
    );
    const events = await occurrences(org);
    expect(events.map((e) => e.startsAt.toISOString())).toEqual([
      "2026-06-06T06:00:00.000Z",
      "2026-06-13T06:00:00.000Z",
      "2026-06-20T06:00:00.000Z",
      "2026-06-27T06:00:00.000Z",
    ]);
    expect(new Set(events.map((e) => e.seriesId)).size).toBe(1);
    expect(events.every((e) => e.capacity === 2 && e.title === "社区观影")).toBe(true);
    const series = await db().eventSeries.findFirstOrThrow({ where: { id: events[0]?.seriesId ?? -1 } });
    expect(series).toMatchObject({ pattern: "weekly:6", ruleText: "每周六 14:00-16:00 至6月27日" });
  });

  it("/events lists the next occurrence once, with the rule and how many are left", async () => {
    const { admin, chat } = await group(0);
    await sendAndWait(h.fake, admin, chat, "/newevent 社区观影 | 每周六 14:00-16:00 至6月27日 | 社区活动室 | 2", (m) =>
      Boolean(m.text?.startsWith("社区观影")),
    );
    await sendAndWait(h.fake, admin, chat, "/newevent 义诊 | 6月10日 9:00-11:00 | 洞桥 | 5", (m) =>
      Boolean(m.text?.startsWith("义诊")),
    );
    const list = await sendAndWait(h.fake, admin, chat, "/events", (m) => Boolean(m.text?.includes("共 2 个")));
    expect(list.text).toContain("1. 社区观影");
    expect(list.text).toContain("🔁 每周六 · 本次起还有 4 次（至6月27日）");
    expect(list.text).toContain("2. 义诊");
    expect(list.text?.match(/社区观影/g)).toHaveLength(1);
    expect(buttonTexts(list).filter((b) => b.includes("社区观影"))).toHaveLength(1);
  });

  it("sign up for all upcoming: each occurrence by its own rule, a full one puts the member on its waitlist", async () => {
    const { admin, people, chat, org } = await group(3);
    const [a, b, c] = people as [SimUser, SimUser, SimUser];
    const card = await sendAndWait(
      h.fake,
      admin,
      chat,
      "/newevent 社区观影 | 每周六 14:00-16:00 至6月27日 | 社区活动室 | 2",
      (m) => Boolean(m.text?.startsWith("社区观影")),
    );
    const third = (await occurrences(org))[2];
    if (!third) throw new Error("no third occurrence");
    // two others fill the third Saturday
    for (const u of [a, b]) {
      await sendAndWait(h.fake, u, u.id, "/start");
      await h.app.services.signups.signUp(third.id, BigInt(u.id), null, now);
    }
    const toast = await press(h.fake, c, card, "🔁 报名以后每次（4 次）");
    expect(toast.text).toBe("已报名 3 次，1 次候补");
    const statuses = async (u: SimUser) =>
      (
        await db().signup.findMany({
          where: { userId: BigInt(u.id), event: { organisation: { name: org } } },
          orderBy: { event: { startsAt: "asc" } },
        })
      ).map((s) => s.status);
    expect(await statuses(c)).toEqual(["confirmed", "confirmed", "waitlisted", "confirmed"]);
    // again: nothing new, and it says so
    expect((await press(h.fake, c, card, "🔁 报名以后每次（4 次）")).text).toBe("一次也没报上（4 次之前已报名）");
    // a's own tap on the card is for this occurrence only
    expect((await press(h.fake, a, card, "✅ 报名")).text).toBe("已报名 ✅");
    expect(await statuses(a)).toEqual(["confirmed", "confirmed"]);
    // cancel all upcoming
    expect((await press(h.fake, c, card, "取消以后每次")).text).toBe("已取消以后 4 次的报名");
    expect(await statuses(c)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
    await h.fake.waitFor(() =>
      h.fake.sent(chat).find((m) => m.message_id === card.message_id && m.text?.includes("🎟 1/2")),
    );
  });

  it("in English, and a series without an end runs to the year's end and says so; more than 100 is refused", async () => {
    const { admin, chat, org } = await group(0, "en");
    const before = h.fake.sent(chat).length;
    const card = await sendAndWait(
      h.fake,
      admin,
      chat,
      "/newevent Film night | every Saturday 7-9pm | Community hall | 30",
      (m) => Boolean(m.text?.startsWith("Film night")),
    );
    expect(card.text).toContain("🔁 every Saturday · 30 to go from this one (until 26 Dec)");
    expect(buttonTexts(card)).toContain("🔁 Sign up for all upcoming (30)");
    const reply = await h.fake.waitFor(() =>
      h.fake
        .sent(chat)
        .slice(before)
        .find((m) => m.text?.startsWith("🔁 Planned")),
    );
    expect(reply.text).toContain(
      "🔁 Planned 30 dates: every Saturday, from Sat 6 Jun, 19:00–21:00 to Sat 26 Dec, 19:00–21:00.",
    );
    expect(reply.text).toContain("No end date or number of times, so I planned it until the end of the year");
    expect(await occurrences(org)).toHaveLength(30);

    const refused = await sendAndWait(h.fake, admin, chat, "/newevent Morning run | every day 7-8am | Park | 10", (m) =>
      Boolean(m.text?.includes("⚠️")),
    );
    expect(refused.text).toContain("“every day 7-8am” would be 213 dates; a series can have at most 100.");
    expect(await db().event.count({ where: { title: "Morning run" } })).toBe(0);
  });
});
