import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChangeFeed, type Changes } from "../../src/services/changes.ts";
import { EventService } from "../../src/services/events.ts";
import { OrganisationService } from "../../src/services/organisations.ts";
import { SignupService } from "../../src/services/signups.ts";
import { databaseKinds, openTestDatabase } from "../support/databases.ts";

const now = new Date("2026-06-01T00:00:00Z");
const window = {
  start: new Date("2026-06-28T01:00:00Z"),
  end: new Date("2026-06-28T03:30:00Z"),
  precision: "exact" as const,
  timeZone: "Asia/Shanghai",
};

describe.each(databaseKinds)("sign-ups on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let signups: SignupService;
  let events: EventService;
  let orgId: number;
  const promoted: Changes["promoted"][] = [];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const changes = new ChangeFeed((e) => {
      throw e;
    });
    changes.on("promoted", (p) => {
      promoted.push(p);
    });
    signups = new SignupService(db.prisma, db.dialect, changes, db.tapPath, db.cardPath);
    events = new EventService(db.prisma, signups, changes, db.cardPath);
    const org = await new OrganisationService(db.prisma).create({
      name: "阳光志愿者协会",
      kind: "organisation",
      parentId: null,
      timeZone: "Asia/Shanghai",
      locale: "zh-CN",
    });
    orgId = org.id;
    await db.prisma.user.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ id: BigInt(1000 + i), firstName: `U${i}` })),
    });
  });
  afterAll(() => db?.drop());

  it("50 simultaneous taps on 10 places: 10 confirmed, 40 waitlisted 1–40; 3 cancel, the first 3 are promoted", async () => {
    const event = await events.create({ organisationId: orgId, title: "社区义诊", window, capacity: 10 });
    const g = event.id;
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signups.signUp(g, BigInt(1000 + i), -100n, now)),
    );
    expect(outcomes.filter((o) => o.kind === "confirmed")).toHaveLength(10);
    const positions = outcomes.flatMap((o) => (o.kind === "waitlisted" ? [o.position] : [])).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    const roster = await signups.roster(event.id);
    expect(roster.confirmed).toHaveLength(10);
    const firstThree = roster.waitlisted.slice(0, 3).map((s) => s.userId);
    for (const s of roster.confirmed.slice(0, 3)) {
      const r = await signups.cancel(event.id, s.userId, now);
      expect(r.kind).toBe("cancelled");
    }
    const after = await signups.roster(event.id);
    expect(after.confirmed).toHaveLength(10);
    expect(after.waitlisted).toHaveLength(37);
    expect(promoted.filter((p) => p.eventId === event.id).map((p) => p.userId)).toEqual(firstThree);
  });

  it("taps that come moment after moment on several events keep their order on each event", async () => {
    // each moment's taps are a batch; on PostgreSQL batches on other events run beside the one still running
    const spots = await Promise.all(
      ["徒步", "插花", "手工"].map((title) => events.create({ organisationId: orgId, title, window, capacity: 1 })),
    );
    const taps: { eventId: number; outcome: Promise<Awaited<ReturnType<SignupService["signUp"]>>> }[] = [];
    for (let wave = 0; wave < 8; wave++) {
      for (let k = 0; k < 2; k++) {
        for (const [e, spot] of spots.entries()) {
          // the same people tap every event, in another order on each
          const user = BigInt(1000 + ((wave * 2 + k + e * 5) % 16));
          taps.push({ eventId: spot.id, outcome: signups.signUp(spot.id, user, null, now) });
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const spot of spots) {
      const outcomes = await Promise.all(taps.filter((t) => t.eventId === spot.id).map((t) => t.outcome));
      expect(outcomes[0]).toEqual({ kind: "confirmed" });
      // in the order they came: positions 1, 2, 3, …
      expect(outcomes.slice(1).map((o) => (o.kind === "waitlisted" ? o.position : o.kind))).toEqual(
        Array.from({ length: 15 }, (_, i) => i + 1),
      );
    }
  });

  it("a second tap changes nothing, and a cancelled member can sign up again at the back", async () => {
    const event = await events.create({ organisationId: orgId, title: "垃圾分类宣传", window, capacity: 1 });
    const g = event.id;
    expect(await signups.signUp(g, 1000n, null, now)).toEqual({ kind: "confirmed" });
    expect(await signups.signUp(g, 1000n, null, now)).toEqual({ kind: "already_confirmed" });
    expect(await signups.signUp(g, 1001n, null, now)).toEqual({ kind: "waitlisted", position: 1, asks: false });
    expect(await signups.signUp(g, 1001n, null, now)).toEqual({ kind: "already_waitlisted", position: 1 });
    await signups.cancel(event.id, 1000n, now);
    expect(await signups.signUp(g, 1000n, null, now)).toEqual({ kind: "waitlisted", position: 1, asks: false });
  });

  it("refuses cancelled, closed, past and after-deadline events", async () => {
    const tea = await events.create({ organisationId: orgId, title: "爱心茶摊", window, capacity: null });
    expect(await signups.signUp(tea.id, 1000n, null, new Date("2026-07-01T00:00:00Z"))).toEqual({
      kind: "refused",
      reason: "ended",
    });
    await events.setSignupsOpen(tea.id, false);
    expect(await signups.signUp(tea.id, 1000n, null, now)).toEqual({ kind: "refused", reason: "closed" });
    await events.cancel(tea.id);
    expect(await signups.signUp(tea.id, 1000n, null, now)).toEqual({ kind: "refused", reason: "cancelled" });
    const late = await events.create({
      organisationId: orgId,
      title: "电影放映",
      window,
      capacity: 5,
      signupDeadline: new Date("2026-05-31T00:00:00Z"),
    });
    expect(await signups.signUp(late.id, 1000n, null, now)).toEqual({ kind: "refused", reason: "deadline" });
    expect(await db.prisma.signup.count({ where: { eventId: { in: [tea.id, late.id] } } })).toBe(0);
  });

  it("a tap only counts on a recorded card of that very event", async () => {
    const a = await events.create({ organisationId: orgId, title: "义卖", window, capacity: 5 });
    const b = await events.create({ organisationId: orgId, title: "献血", window, capacity: 5 });
    await db.prisma.chat.create({ data: { id: -500n, type: "group" } });
    await db.prisma.eventMessage.create({ data: { eventId: a.id, chatId: -500n, messageId: 7 } });
    expect(await signups.signUp(b.id, 1000n, -500n, now, { chatId: -500n, messageId: 7 })).toEqual({ kind: "stale" });
    expect(await signups.signUp(a.id, 1000n, -500n, now, { chatId: -500n, messageId: 8 })).toEqual({ kind: "stale" });
    expect(await signups.signUp(a.id, 1000n, -500n, now, { chatId: -500n, messageId: 7 })).toEqual({
      kind: "confirmed",
    });
    expect(await signups.signUp(99_999, 1000n, -500n, now, { chatId: -500n, messageId: 7 })).toEqual({
      kind: "missing",
    });
  });

  it("a tap that lands while its card is being recorded signs up, not 'the event is gone'", async () => {
    const event = await events.create({ organisationId: orgId, title: "植树", window, capacity: 5 });
    await db.prisma.chat.create({ data: { id: -600n, type: "group" } });
    // the card's message is recorded just after the tap's statement looked for it (Telegram answered the
    // sendMessage a moment late), before the refusal is explained
    const path = db.tapPath;
    const racing = new SignupService(
      db.prisma,
      db.dialect,
      new ChangeFeed(() => {}),
      {
        signUp: async (tap) => {
          const row = await path.signUp(tap);
          if ((await db.prisma.eventMessage.count({ where: { eventId: event.id } })) === 0) {
            await db.prisma.eventMessage.create({ data: { eventId: event.id, chatId: -600n, messageId: 9 } });
          }
          return row;
        },
        explain: (tap) => path.explain(tap),
        counts: (ids) => path.counts(ids),
        rememberUser: (user) => path.rememberUser(user),
        rememberMembers: (members, at) => path.rememberMembers(members, at),
        remindable: (ids) => path.remindable(ids),
      },
      db.cardPath,
    );
    expect(await racing.signUp(event.id, 1001n, -600n, now, { chatId: -600n, messageId: 9 })).toEqual({
      kind: "confirmed",
    });
    expect(await db.prisma.signup.count({ where: { eventId: event.id, status: "confirmed" } })).toBe(1);
  });

  it("a bigger capacity promotes from the waitlist", async () => {
    const event = await events.create({ organisationId: orgId, title: "读书会", window, capacity: 1 });
    const g = event.id;
    for (const u of [1000n, 1001n, 1002n]) await signups.signUp(g, u, null, now);
    await events.update(event.id, { capacity: 2 }, now);
    const roster = await signups.roster(event.id);
    expect(roster.confirmed.map((r) => Number(r.userId))).toEqual([1000, 1001]);
    expect(roster.waitlisted.map((r) => Number(r.userId))).toEqual([1002]);
  });
});
