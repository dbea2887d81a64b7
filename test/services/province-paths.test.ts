import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVE_STATUSES } from "../../src/domain/event-status.ts";
import { COUNT_AHEAD } from "../../src/services/events.ts";
import { eventsInScope, subtreeScope } from "../../src/services/org-scope.ts";
import { TALLY_LINES } from "../../src/services/summaries.ts";
import type { DatabaseKind } from "../../src/store/database.ts";
import { summaryText } from "../../src/views/schedule-views.ts";
import { sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");
const HOUR = 3_600_000;
/** more upcoming events under the hub than /events counts ahead of its first page */
const MANY = COUNT_AHEAD + 37;

/**
 * The statements a hub's group runs over a big subtree, checked against the rule said plainly: /events' page
 * (started events, those to start per status, a recurring activity once, co-hosted events, soonest first) and
 * its capped count; the summary's totals, per-district tally (the nearest district) and first organisations.
 */
describe.each(databaseKinds)("a hub's /events and summary over many events, on %s", (kind: DatabaseKind) => {
  let h: Harness;
  let hub: GroupChatObject;
  let hubId: number;
  /** districts: A, B (inside A: its organisations' nearest district is B) */
  const org: Record<string, number> = {};
  let campaignId = 0;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
    const admin = h.fake.user({ first_name: "赵主任" });
    hub = h.fake.group({ title: "全市", creator: admin });
    await sendAndWait(h.fake, admin, hub, "/setup new 全市联合会 | 市 | - | Asia/Shanghai | zh-CN");
    const db = h.app.services.database.prisma;
    hubId = (await db.chat.findUniqueOrThrow({ where: { id: BigInt(hub.id) } })).organisationId as number;
    const make = async (name: string, k: "district" | "street" | "organisation" | "city", parentId: number | null) =>
      (
        await h.app.services.organisations.create({
          name,
          kind: k,
          parentId,
          timeZone: "Asia/Shanghai",
          locale: "zh-CN",
        })
      ).id;
    org.A = await make("区 A", "district", hubId);
    org.B = await make("区 B", "district", org.A);
    org.a1 = await make("协会 a1", "organisation", org.A);
    org.b1 = await make("协会 b1", "organisation", org.B);
    org.top = await make("市直协会", "organisation", hubId);
    org.outside = await make("外市协会", "organisation", await make("外市", "city", null));
    // organisations with one event today each, more than a summary lists (names sort as their number)
    for (let i = 0; i < TALLY_LINES + 4; i++)
      org[`m${i}`] = await make(`小组 ${String(i).padStart(2, "0")}`, "organisation", org.A);

    const live = (s: "published" | "closed") => h.app.services.database.dialect.enumValue("EventStatus", s);
    // MANY one-off events from tomorrow on, a minute apart, alternately published and closed, of a1 and b1
    await db.$executeRaw`
      WITH RECURSIVE n ("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM n WHERE "i" < ${MANY})
      INSERT INTO "Event" ("organisationId", "title", "startsAt", "endsAt", "precision", "timeZone", "status",
                           "createdAt", "updatedAt")
      SELECT CASE WHEN "i" % 2 = 0 THEN CAST(${org.a1} AS INTEGER) ELSE CAST(${org.b1} AS INTEGER) END, 'E' || "i",
             ${new Date(now.getTime() + 24 * HOUR)}, ${new Date(now.getTime() + 26 * HOUR)},
             ${h.app.services.database.dialect.enumValue("TimePrecision", "exact")}, 'Asia/Shanghai',
             CASE WHEN "i" % 2 = 0 THEN ${live("published")} ELSE ${live("closed")} END, ${now}, ${now}
      FROM n`;
    // the MANY are one campaign's programme (more than SQLite takes parameters in one statement)
    const campaign = await db.campaign.create({
      data: { name: "公益日", organisationId: hubId, startsAt: now, endsAt: new Date(now.getTime() + 48 * HOUR) },
    });
    campaignId = campaign.id;
    await db.event.updateMany({ where: { title: { startsWith: "E" } }, data: { campaignId } });
    // the same start: the list orders them by end, then id; spread some of them over the next days
    await db.$executeRaw`UPDATE "Event" SET "startsAt" = ${new Date(now.getTime() + 30 * HOUR)} WHERE "title" LIKE 'E%7'`;
    const window = (fromHours: number, toHours: number) => ({
      start: new Date(now.getTime() + fromHours * HOUR),
      end: new Date(now.getTime() + toHours * HOUR),
      precision: "exact" as const,
      timeZone: "Asia/Shanghai",
    });
    const events = h.app.services.events;
    // started and not ended (ongoing), one of them closed
    await events.create({ organisationId: org.top, title: "进行中", window: window(-1, 2) });
    const closed = await events.create({ organisationId: org.b1, title: "进行中已截止", window: window(-5, 30) });
    await db.event.update({ where: { id: closed.id }, data: { status: "closed" } });
    // ended, cancelled, draft: not listed
    await events.create({ organisationId: org.a1, title: "已结束", window: window(-3, -1) });
    const cancelled = await events.create({ organisationId: org.a1, title: "已取消", window: window(3, 4) });
    await db.event.update({ where: { id: cancelled.id }, data: { status: "cancelled" } });
    const draft = await events.create({ organisationId: org.a1, title: "草稿", window: window(3, 4) });
    await db.event.update({ where: { id: draft.id }, data: { status: "draft" } });
    // another city's event: not listed unless one of the hub's organisations co-organises it
    await events.create({ organisationId: org.outside, title: "外市活动", window: window(5, 6) });
    const cohosted = await events.create({ organisationId: org.outside, title: "外市合办", window: window(6, 7) });
    await db.eventOrganiser.create({
      data: { eventId: cohosted.id, position: 0, name: "协会 a1", organisationId: org.a1 },
    });
    // a recurring activity: only its next live occurrence is listed
    const series = await db.eventSeries.create({
      data: { organisationId: org.a1, pattern: "daily", ruleText: "每天" },
    });
    for (const [title, from] of [
      ["每日一", 8],
      ["每日二", 32],
      ["每日三", 56],
    ] as const) {
      const e = await events.create({ organisationId: org.a1, title, window: window(from, from + 1) });
      await db.event.update({ where: { id: e.id }, data: { seriesId: series.id } });
    }
    // today: one event for each of the m organisations, two for m3 (it leads), and one for b1
    for (let i = 0; i < TALLY_LINES + 4; i++) {
      await events.create({ organisationId: org[`m${i}`] as number, title: `今日 ${i}`, window: window(4, 5) });
    }
    await events.create({ organisationId: org.m3 as number, title: "今日 3b", window: window(6, 7) });
    // sign-ups changed since yesterday: counted as sign-ups or cancellations; attended and held ones are not
    const anEvent = await db.event.findFirstOrThrow({ where: { title: "今日 0" } });
    const changed = new Date(now.getTime() - HOUR);
    for (const [id, status] of [
      [1n, "confirmed"],
      [2n, "waitlisted"],
      [3n, "cancelled"],
      [4n, "attended"],
      [5n, "held"],
    ] as const) {
      await db.user.create({ data: { id, firstName: `U${id}` } });
      await db.signup.create({
        data: { eventId: anEvent.id, userId: id, status, seq: Number(id), updatedAt: changed },
      });
    }
    // only an attended sign-up changed: this organisation has nothing to report
    const quietOrg = await make("安静协会", "organisation", org.A);
    const quiet = await events.create({ organisationId: quietOrg, title: "上月", window: window(-700, -699) });
    await db.signup.create({ data: { eventId: quiet.id, userId: 4n, status: "attended", seq: 1, updatedAt: changed } });
  }, 180_000);
  afterAll(() => h?.stop());

  /** The rule said plainly, over every event: what /events lists, in its order. */
  async function expected(): Promise<number[]> {
    const rows = await h.app.services.database.prisma.event.findMany({
      where: { status: { in: [...LIVE_STATUSES] }, endsAt: { gt: now }, ...eventsInScope(subtreeScope(hubId)) },
      select: { id: true, startsAt: true, endsAt: true, seriesId: true },
    });
    const order = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
      a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime() || a.id - b.id;
    rows.sort(order);
    const seen = new Set<number>();
    return rows
      .filter((r) => {
        if (r.seriesId === null) return true;
        if (seen.has(r.seriesId)) return false;
        seen.add(r.seriesId);
        return true;
      })
      .map((r) => r.id);
  }

  it("lists the same events in the same order as the rule, page by page, and counts up to a cap", async () => {
    const all = await expected();
    expect(all.length).toBeGreaterThan(COUNT_AHEAD);
    const scope = subtreeScope(hubId);
    const size = 5;
    const lastPage = Math.ceil(all.length / size) - 1;
    for (const page of [0, 1, 2, 3, 40, lastPage - 1, lastPage]) {
      const got = await h.app.services.events.upcoming(scope, now, page, size);
      expect(got.events.map((e) => e.id)).toEqual(all.slice(page * size, page * size + size));
      const cap = page * size + COUNT_AHEAD;
      expect(got.total).toBe(Math.min(all.length, cap));
      expect(got.more).toBe(all.length > cap);
    }
    const titles = (await h.app.services.events.upcoming(scope, now, 0, size)).events.map((e) => e.title);
    expect(titles.slice(0, 3)).toEqual(["进行中已截止", "进行中", "今日 0"]);
  });

  it("a campaign's programme of more events than SQLite takes parameters is read whole", async () => {
    const programme = await h.app.services.campaigns.programme(campaignId, subtreeScope(hubId));
    expect(programme).toHaveLength(MANY);
    expect(programme.filter((p) => p.district === "区 B")).toHaveLength(Math.ceil(MANY / 2));
  });

  it("the list's header says 'over' a capped count and keeps the ▶ button", async () => {
    const view = await h.app.services.presenter.eventList(subtreeScope(hubId), true, 0, "zh-CN");
    expect(view.text).toContain(`（超过 ${COUNT_AHEAD.toLocaleString("en")} 个 · 第 1 页）`);
    expect(JSON.stringify(view.reply_markup)).toContain("▶");
    const en = await h.app.services.presenter.eventList(subtreeScope(hubId), true, 0, "en");
    expect(en.text).toContain(`(over ${COUNT_AHEAD.toLocaleString("en")} · page 1)`);
  });

  it("the summary totals everything below the hub, per nearest district, and lists the first organisations", async () => {
    const report = await h.app.services.summaries.report(BigInt(hub.id), now, new Date(now.getTime() - 24 * HOUR));
    if (!report) throw new Error("no summary");
    const m = TALLY_LINES + 4;
    // today: the m organisations' events (one more for m3), the two ongoing ones, the one that ended this
    // morning and the recurring activity's first; this week: the MANY and the recurring activity's other two
    expect(report.todayTotal).toBe(m + 1 + 2 + 2);
    expect(report.weekTotal).toBe(MANY + 2);
    expect(report.signups).toBe(2);
    expect(report.cancellations).toBe(1);
    // organisations with something to report: the m ones, a1, b1 (this week), top (ongoing); not the quiet one
    expect(report.organisations).toBe(m + 3);
    expect(report.byOrganisation).toHaveLength(TALLY_LINES);
    expect(report.byOrganisation?.[0]?.name).toBe("协会 a1");
    expect(report.byOrganisation?.[2]).toMatchObject({ name: "小组 03", today: 2 });
    expect(report.byOrganisation?.slice(3).map((r) => r.name)).toEqual(
      Array.from({ length: TALLY_LINES - 3 }, (_, i) => `小组 ${String(i < 3 ? i : i + 1).padStart(2, "0")}`),
    );
    // b1 sits in B, which sits in A: B is its district; the city's own organisation is in none
    const district = (name: string) => report.byDistrict?.find((d) => d.name === name);
    expect(district("区 B")).toMatchObject({ today: 1, week: Math.ceil(MANY / 2) });
    expect(district("区 A")).toMatchObject({ today: m + 1 + 2, week: Math.floor(MANY / 2) + 2, signups: 2 });
    expect(report.byDistrict).toHaveLength(2);
    // the week's first events, published and closed alike, soonest first (then by id)
    const below = await h.app.services.database.prisma.organisationAncestor.findMany({
      where: { ancestorId: hubId },
      select: { descendantId: true },
    });
    const dayEnd = new Date("2026-06-01T16:00:00Z");
    const weekEvents = await h.app.services.database.prisma.event.findMany({
      where: {
        organisationId: { in: below.map((b) => b.descendantId) },
        status: { in: [...LIVE_STATUSES] },
        startsAt: { gte: dayEnd, lt: new Date(dayEnd.getTime() + 7 * 24 * HOUR) },
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: 10,
      select: { id: true, status: true },
    });
    expect(new Set(weekEvents.map((e) => e.status))).toEqual(new Set(["published", "closed"]));
    expect(report.week.map((e) => e.id)).toEqual(weekEvents.map((e) => e.id));
    const text = summaryText(report, { ...h.app.services.presenter.viewContext("zh-CN") });
    expect(text).toContain(`还有 ${report.organisations - TALLY_LINES} 项`);
  });

  it("a district's summary (read row by row, not per district as a city's) agrees with the city's tallies", async () => {
    const since = new Date(now.getTime() - 24 * HOUR);
    const db = h.app.services.database.prisma;
    const districtChat = BigInt(hub.id) - 1000n;
    await db.chat.create({ data: { id: districtChat, type: "supergroup", title: "区 A", organisationId: org.A } });
    const city = await h.app.services.summaries.report(BigInt(hub.id), now, since);
    const district = await h.app.services.summaries.report(districtChat, now, since);
    if (!city || !district) throw new Error("no summary");
    // A holds B: A's own organisations and B's, each under its nearest district, as the city counts them
    const inCity = (name: string) => city.byDistrict?.find((d) => d.name === name);
    expect(district.byDistrict).toEqual(
      expect.arrayContaining([expect.objectContaining(inCity("区 A")), expect.objectContaining(inCity("区 B"))]),
    );
    expect(district.byDistrict).toHaveLength(2);
    const sum = (key: "today" | "week" | "signups" | "cancellations") =>
      (district.byDistrict ?? []).reduce((n, d) => n + d[key], 0);
    expect(district.todayTotal).toBe(sum("today"));
    expect(district.weekTotal).toBe(sum("week"));
    expect(district.signups).toBe(sum("signups"));
    expect(district.cancellations).toBe(sum("cancellations"));
    // the first organisations: the city's, less those outside A (the city's own association)
    expect(district.byOrganisation?.slice(0, 3)).toEqual(
      city.byOrganisation?.filter((o) => o.name !== "市直协会").slice(0, 3),
    );
  });
});
