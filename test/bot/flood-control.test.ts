import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TokenBuckets } from "../../src/bot/flood-control.ts";
import { answerOf, callbackData, press, sendAndWait } from "../support/chat.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

describe("token buckets", () => {
  it("a burst passes, a stream is slowed, and time refills it; one refusal is 'slow', the rest 'quiet'", () => {
    let clock = 0;
    const buckets = new TokenBuckets({ burst: 3, perSecond: 1 }, () => clock);
    expect(["a", "a", "a"].map((k) => buckets.take(k))).toEqual(["ok", "ok", "ok"]);
    expect(buckets.take("a")).toBe("slow");
    expect(buckets.take("a")).toBe("quiet");
    expect(buckets.take("b")).toBe("ok"); // someone else is not slowed
    clock += 1000;
    expect(buckets.take("a")).toBe("ok");
    expect(buckets.take("a")).toBe("slow");
  });
});

/** A member floods a button and a command; the database never sees the excess and nobody else waits. */
describe("flood control", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  async function groupWithCard(name: string) {
    const admin = h.fake.user({ first_name: "王芳" });
    const flooder = h.fake.user({ first_name: "急急" });
    const calm = h.fake.user({ first_name: "慢慢" });
    const group = h.fake.group({ title: `${name}群`, creator: admin, members: [flooder, calm] });
    await sendAndWait(h.fake, admin, group, `/setup new ${name} | 组织 | - | Asia/Shanghai`);
    const card = await sendAndWait(h.fake, admin, group, `/newevent ${name}活动 | 6月28日 | 广场 | 100`);
    return { group, flooder, calm, card };
  }

  it("50 taps at once: the excess is told to slow down before any database access; others are not", async () => {
    const { flooder, calm, card } = await groupWithCard("疾风");
    const remember = vi.spyOn(h.app.services.users, "remember");
    const signUp = vi.spyOn(h.app.services.signups, "signUp");
    const data = callbackData(card, "✅ 报名");
    const ids = Array.from({ length: 50 }, () => flooder.pressData(card, data));
    const answers = await Promise.all(ids.map((id) => answerOf(h.fake, id)));
    const slowed = answers.filter((a) => a.text === "点得太快啦，请稍等一下再试。").length;
    // 8 pass at once and 4 more a second: however slowly a loaded machine takes the 50, most are slowed
    expect(slowed).toBeGreaterThanOrEqual(20);
    expect(answers.filter((a) => a.text === "已报名 ✅")).toHaveLength(1);
    // only the taps let through reached the database (the rest never got past the limiter)
    const flooderCalls = remember.mock.calls.filter(([user]) => user.id === flooder.id).length;
    expect(flooderCalls).toBeLessThanOrEqual(50 - slowed);
    expect(signUp.mock.calls.length).toBeLessThanOrEqual(50 - slowed);
    expect((await press(h.fake, calm, card, "✅ 报名")).text).toBe("已报名 ✅");
    remember.mockRestore();
    signUp.mockRestore();
  });

  it("a command flood is slowed in private with one 'slow down'; the group is not spammed", async () => {
    const { group, flooder, calm } = await groupWithCard("骤雨");
    const before = h.fake.sent(group).length;
    for (let i = 0; i < 30; i++) flooder.send(group, "/events");
    await h.fake.waitFor(() => (h.fake.sent(group).length - before >= 10 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const replies = h.fake.sent(group).slice(before);
    expect(replies.length).toBeLessThanOrEqual(11);
    expect(replies.some((m) => m.text === "点得太快啦，请稍等一下再试。")).toBe(false);
    calm.start();
    const privateBefore = h.fake.sent(calm.id).length;
    for (let i = 0; i < 20; i++) calm.sendPrivate("/my");
    await h.fake.waitFor(() =>
      h.fake
        .sent(calm.id)
        .slice(privateBefore)
        .find((m) => m.text === "点得太快啦，请稍等一下再试。"),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.fake.sent(calm.id).filter((m) => m.text === "点得太快啦，请稍等一下再试。")).toHaveLength(1);
  });
});

/** Titles, places and names of invisible characters only are refused with a clear message; nothing is stored. */
describe("input hygiene in the chat", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  it("an invisible title or place is refused; bidi overrides are removed from what is stored", async () => {
    const admin = h.fake.user({ first_name: "王芳" });
    const group = h.fake.group({ title: "卫生群", creator: admin });
    const named = await sendAndWait(h.fake, admin, group, "/setup new \u200B\u200B | 组织 | - | Asia/Shanghai");
    expect(named.text).toContain("名称只有看不见的字符");
    expect(await h.app.services.database.prisma.organisation.count()).toBe(0);
    await sendAndWait(h.fake, admin, group, "/setup new 卫生协会 | 组织 | - | Asia/Shanghai");
    const title = await sendAndWait(h.fake, admin, group, "/newevent \u200B\u200C | 6月28日 | 广场 | 5");
    expect(title.text).toContain("名称只有看不见的字符");
    const place = await sendAndWait(h.fake, admin, group, "/newevent 植树 | 6月28日 | \u2060\uFEFF\u200B | 5");
    expect(place.text).toContain("地点只有看不见的字符");
    expect(await h.app.services.database.prisma.event.count()).toBe(0);
    await sendAndWait(h.fake, admin, group, "/newevent 植树\u202Egpj.exe\u202C | 6月28日 | 广场\u0007 | 5");
    const event = await h.app.services.database.prisma.event.findFirstOrThrow();
    expect(event.title).toBe("植树gpj.exe");
    expect(event.place).toBe("广场");
  });
});
