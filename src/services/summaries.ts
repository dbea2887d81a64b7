import { LIVE_STATUSES } from "../domain/event-status.ts";
import { endOfLocalDay } from "../domain/reminders/plan.ts";
import { addDays, localDate, startOfLocalDay, wallClockOf, zonedInstant } from "../domain/time/calendar.ts";
import type { Db, SqlDialect } from "../store/database.ts";
import { Prisma, type Sql } from "../store/sql.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { Counts, EventSummary } from "../views/event-views.ts";
import { underSql } from "./org-scope.ts";
import type { SignupService } from "./signups.ts";

/** events listed per section; the rest are counted */
const LISTED = 10;

/** One row of the per-organisation or per-district tally of a hub's summary. */
export interface Tally {
  name: string;
  today: number;
  week: number;
  signups: number;
  cancellations: number;
}

/** What a group's summary says: everything is counted over the group's organisation and all below it. */
export interface SummaryReport {
  date: string;
  timeZone: string;
  organisation: string;
  /** the first events of today and of the next seven days (the totals count them all) */
  today: EventSummary[];
  todayTotal: number;
  week: EventSummary[];
  weekTotal: number;
  counts: Map<number, Counts>;
  signups: number;
  cancellations: number;
  /** null for a plain organisation's group; per organisation and per district for a hub */
  byOrganisation: Tally[] | null;
  byDistrict: Tally[] | null;
  quiet: boolean;
}

/** One organisation's figures in a hub's summary, with the district it sits in (null above districts). */
interface OrgFigures {
  orgId: number;
  name: string;
  districtId: number | null;
  districtName: string | null;
  today: number;
  week: number;
  signups: number;
  cancellations: number;
}

type Deps = { db: Db; dialect: SqlDialect; signups: Pick<SignupService, "counts"> };

/**
 * Gathers a group's summary for the local day of `now`: today's events, the
 * next seven days, sign-ups and cancellations since `since`, places left; a
 * hub also gets tallies per organisation and per district. Null when the
 * group is not linked to an organisation. Everything is read through the
 * closure table (a city hub has 100,000 organisations below it): the
 * figures in one grouped query, the listed events in two short ones.
 */
export async function gatherSummary(
  deps: Deps,
  chatId: TelegramId,
  now: Date,
  since: Date,
): Promise<SummaryReport | null> {
  const { db } = deps;
  const chat = await db.chat.findUnique({ where: { id: chatId }, include: { organisation: true } });
  const root = chat?.organisation;
  if (!root) return null;
  const tz = root.timeZone;
  const dayStart = startOfLocalDay(now, tz);
  const dayEnd = endOfLocalDay(now, tz);
  const weekEnd = zonedInstant(addDays(wallClockOf(now, tz).date, 8), 0, tz);
  const select = {
    id: true,
    title: true,
    place: true,
    online: true,
    startsAt: true,
    endsAt: true,
    precision: true,
    openEnded: true,
    timeZone: true,
    capacity: true,
    status: true,
    organisationId: true,
    organisation: { select: { name: true } },
  } as const;
  const live = Prisma.raw(LIVE_STATUSES.map((s) => `'${s}'`).join(", "));
  const listed = async (range: Sql) => {
    const ids = await db.$queryRaw<{ id: number }[]>`
      SELECT e."id" FROM "Event" e
      WHERE e."status" IN (${live}) AND ${range} AND ${underSql(root.id, Prisma.sql`e."organisationId"`)}
      ORDER BY e."startsAt", e."id" LIMIT ${LISTED}`;
    const rows = await db.event.findMany({ where: { id: { in: ids.map((r) => Number(r.id)) } }, select });
    return rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
  };
  const [figures, today, week, hub] = await Promise.all([
    orgFigures(deps, root.id, { dayStart, dayEnd, weekEnd, since, now }),
    listed(Prisma.sql`e."endsAt" > ${dayStart} AND e."startsAt" < ${dayEnd}`),
    listed(Prisma.sql`e."startsAt" >= ${dayEnd} AND e."startsAt" < ${weekEnd}`),
    db.organisationAncestor.findFirst({ where: { ancestorId: root.id, depth: { gt: 0 } }, select: { depth: true } }),
  ]);
  const counts = await deps.signups.counts([...today, ...week].map((e) => e.id));

  const tallies = (groupOf: (f: OrgFigures) => { id: number; name: string } | null): Tally[] => {
    const rows = new Map<number, Tally>();
    // events of organisations outside every group (city-level events in a per-district tally) are not counted there
    for (const f of figures) {
      const group = groupOf(f);
      if (!group) continue;
      const row = rows.get(group.id) ?? { name: group.name, today: 0, week: 0, signups: 0, cancellations: 0 };
      row.today += f.today;
      row.week += f.week;
      row.signups += f.signups;
      row.cancellations += f.cancellations;
      rows.set(group.id, row);
    }
    return [...rows.values()].sort((a, b) => b.today + b.week - (a.today + a.week) || a.name.localeCompare(b.name));
  };
  const total = tallies(() => root);
  const sum = total[0] ?? { today: 0, week: 0, signups: 0, cancellations: 0 };
  const isHub = hub !== null;
  const districts = isHub
    ? tallies((f) => (f.districtId === null ? null : { id: f.districtId, name: f.districtName ?? "" }))
    : [];
  return {
    date: localDate(now, tz),
    timeZone: tz,
    organisation: root.name,
    today,
    todayTotal: sum.today,
    week,
    weekTotal: sum.week,
    counts,
    signups: sum.signups,
    cancellations: sum.cancellations,
    byOrganisation: isHub ? tallies((f) => ({ id: f.orgId, name: f.name })) : null,
    byDistrict: districts.length > 1 ? districts : null,
    quiet: sum.today + sum.week + sum.signups + sum.cancellations === 0,
  };
}

/**
 * Per organisation below the root that has something to report: events today (they overlap the local day)
 * and in the next seven days (they start in them), sign-ups and cancellations in (since, now], with its
 * name and district. One grouped statement over the closure table; only active organisations come back.
 */
async function orgFigures(
  deps: Deps,
  rootId: number,
  at: { dayStart: Date; dayEnd: Date; weekEnd: Date; since: Date; now: Date },
): Promise<OrgFigures[]> {
  const { dialect } = deps;
  const live = Prisma.join(LIVE_STATUSES.map((s) => dialect.enumValue("EventStatus", s)));
  const cancelled = dialect.enumValue("SignupStatus", "cancelled");
  const changed = Prisma.join(
    (["confirmed", "waitlisted", "cancelled"] as const).map((s) => dialect.enumValue("SignupStatus", s)),
  );
  const district = dialect.enumValue("OrgKind", "district");
  const districtOf = (column: string) => Prisma.sql`(
    SELECT d.${Prisma.raw(`"${column}"`)} FROM "OrganisationAncestor" da JOIN "Organisation" d ON d."id" = da."ancestorId"
    WHERE da."descendantId" = per."orgId" AND d."kind" = ${district} ORDER BY da."depth" LIMIT 1)`;
  const rows = await deps.db.$queryRaw<
    {
      orgId: number;
      name: string;
      districtId: number | null;
      districtName: string | null;
      today: number | bigint;
      week: number | bigint;
      signups: number | bigint;
      cancellations: number | bigint;
    }[]
  >`
    WITH activity AS (
      SELECT e."organisationId" AS "orgId",
             CASE WHEN e."startsAt" < ${at.dayEnd} THEN 1 ELSE 0 END AS "today",
             CASE WHEN e."startsAt" >= ${at.dayEnd} THEN 1 ELSE 0 END AS "week",
             0 AS "signups", 0 AS "cancellations"
      FROM "Event" e
      WHERE e."status" IN (${live}) AND e."endsAt" > ${at.dayStart} AND e."startsAt" < ${at.weekEnd}
        AND ${underSql(rootId, Prisma.sql`e."organisationId"`)}
      UNION ALL
      SELECT e."organisationId", 0, 0,
             CASE WHEN s."status" = ${cancelled} THEN 0 ELSE 1 END,
             CASE WHEN s."status" = ${cancelled} THEN 1 ELSE 0 END
      FROM "Signup" s JOIN "Event" e ON e."id" = s."eventId"
      WHERE s."updatedAt" > ${at.since} AND s."updatedAt" <= ${at.now} AND s."status" IN (${changed})
        AND ${underSql(rootId, Prisma.sql`e."organisationId"`)}
    ), per AS (
      SELECT "orgId", SUM("today") AS "today", SUM("week") AS "week",
             SUM("signups") AS "signups", SUM("cancellations") AS "cancellations"
      FROM activity GROUP BY "orgId"
    )
    SELECT per."orgId", o."name", ${districtOf("id")} AS "districtId", ${districtOf("name")} AS "districtName",
           per."today", per."week", per."signups", per."cancellations"
    FROM per JOIN "Organisation" o ON o."id" = per."orgId"`;
  return rows.map((r) => ({
    orgId: Number(r.orgId),
    name: r.name,
    districtId: r.districtId === null ? null : Number(r.districtId),
    districtName: r.districtName,
    today: Number(r.today),
    week: Number(r.week),
    signups: Number(r.signups),
    cancellations: Number(r.cancellations),
  }));
}

/** Daily summaries' figures for a group (the scheduled summary and /summary both read them here). */
export class SummaryService {
  constructor(private readonly deps: Deps) {}

  /** The report for the local day of `now`, counting changes since `since`; null for a group not set up. */
  report(chatId: TelegramId, now: Date, since: Date): Promise<SummaryReport | null> {
    return gatherSummary(this.deps, chatId, now, since);
  }
}
