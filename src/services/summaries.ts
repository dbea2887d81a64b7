import { LIVE_STATUSES } from "../domain/event-status.ts";
import { endOfLocalDay } from "../domain/reminders/plan.ts";
import { addDays, localDate, startOfLocalDay, wallClockOf, zonedInstant } from "../domain/time/calendar.ts";
import type { Db, SqlDialect } from "../store/database.ts";
import { Prisma, type Sql } from "../store/sql.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { Counts, EventSummary } from "../views/event-views.ts";
import { underSql, underSqlByDistrict } from "./org-scope.ts";
import type { SignupService } from "./signups.ts";

/** events listed per section; the rest are counted */
const LISTED = 10;
/** rows of the per-organisation and per-district tallies a summary shows; the rest are counted */
export const TALLY_LINES = 15;

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
  /** null for a plain organisation's group; per organisation (the first TALLY_LINES) and per district for a hub */
  byOrganisation: Tally[] | null;
  /** how many organisations byOrganisation would list in full */
  organisations: number;
  byDistrict: Tally[] | null;
  quiet: boolean;
}

/** The figures of a hub's summary, totalled in the database (a city hub has 18,000 organisations with some). */
interface Figures {
  /** everything below the root */
  all: Omit<Tally, "name">;
  /** how many organisations have something to report */
  organisations: number;
  /** per district (each organisation's own, Organisation.districtId; those above or outside districts left out) */
  districts: Tally[];
  /** the first TALLY_LINES organisations by events today and this week, then by name */
  top: Tally[];
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
  // the first LISTED events of a range, soonest first; the scope checked per row (the scan stops early)
  const first = (where: Sql) => Prisma.sql`SELECT * FROM (
    SELECT e."id", e."startsAt" FROM "Event" e
    WHERE ${where} AND ${underSql(root.id, Prisma.sql`e."organisationId"`, "probe")}
    ORDER BY e."startsAt", e."id" LIMIT ${LISTED}) AS part`;
  // the listed events and their places, while the figures are totalled (on PostgreSQL, at the same time)
  const listed = async (parts: Sql[]) => {
    const ids = await db.$queryRaw<{ id: number }[]>`
      SELECT "id" FROM (${Prisma.join(parts, " UNION ALL ")}) AS listed ORDER BY "startsAt", "id" LIMIT ${LISTED}`;
    const eventIds = ids.map((r) => Number(r.id));
    const [rows, counts] = await Promise.all([
      db.event.findMany({ where: { id: { in: eventIds } }, select }),
      deps.signups.counts(eventIds),
    ]);
    return { events: rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id), counts };
  };
  const [figures, todays, weeks, hub] = await Promise.all([
    hubFigures(deps, root, { dayStart, dayEnd, weekEnd, since, now }),
    // NOT (…): the (status, endsAt) index, not every past start (SQLite rates one-sided ranges alike)
    listed([
      first(Prisma.sql`e."status" IN (${live}) AND e."endsAt" > ${dayStart} AND NOT (e."startsAt" >= ${dayEnd})`),
    ]),
    // per status: each read in order from the (status, startsAt, …) index until LISTED are found
    listed(
      LIVE_STATUSES.map((status) =>
        first(
          Prisma.sql`e."status" = ${Prisma.raw(`'${status}'`)} AND e."startsAt" >= ${dayEnd} AND e."startsAt" < ${weekEnd}`,
        ),
      ),
    ),
    db.organisationAncestor.findFirst({ where: { ancestorId: root.id, depth: { gt: 0 } }, select: { depth: true } }),
  ]);
  const today = todays.events;
  const week = weeks.events;
  const counts = new Map([...todays.counts, ...weeks.counts]);

  const byScore = (a: Tally, b: Tally) => b.today + b.week - (a.today + a.week) || a.name.localeCompare(b.name);
  const sum = figures.all;
  const isHub = hub !== null;
  const districts = isHub ? [...figures.districts].sort(byScore) : [];
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
    byOrganisation: isHub ? [...figures.top].sort(byScore) : null,
    organisations: figures.organisations,
    byDistrict: districts.length > 1 ? districts : null,
    quiet: sum.today + sum.week + sum.signups + sum.cancellations === 0,
  };
}

/**
 * The figures of everything below the root: events today (they overlap the local day) and in the next seven
 * days (they start in them), sign-ups and cancellations in (since, now]; totalled, per district and for the
 * first TALLY_LINES organisations. One statement: per organisation first (only those with something to
 * report), then totalled in the database, so 18,000 organisations' rows never leave it. Organisations tied at
 * the cut of the first TALLY_LINES are taken in the database's name order (shown in the summary's own order,
 * as the districts).
 */
async function hubFigures(
  deps: Deps,
  root: { id: number; kind: string },
  at: { dayStart: Date; dayEnd: Date; weekEnd: Date; since: Date; now: Date },
): Promise<Figures> {
  const { dialect } = deps;
  const rootId = root.id;
  // Below a city (most of the province's rows are its own) rows are grouped first and each organisation then
  // decided mostly by its district (underSqlByDistrict); below anything else (a district, a street, an
  // organisation: a few hundred organisations at most) each row is probed before grouping, so that the rest
  // of the province is never grouped. Either way the same figures.
  const byDistrict = root.kind === "city";
  const rowCheck = (column: Sql) => (byDistrict ? Prisma.empty : Prisma.sql`AND ${underSql(rootId, column, "probe")}`);
  const orgCheck = byDistrict
    ? Prisma.sql`AND ${underSqlByDistrict(rootId, Prisma.sql`g."orgId"`, Prisma.sql`o."districtId"`)}`
    : Prisma.empty;
  const live = Prisma.join(LIVE_STATUSES.map((s) => dialect.enumValue("EventStatus", s)));
  const cancelled = dialect.enumValue("SignupStatus", "cancelled");
  const joined = Prisma.join((["confirmed", "waitlisted"] as const).map((s) => dialect.enumValue("SignupStatus", s)));
  type Row = {
    row: "all" | "district" | "organisation";
    name: string | null;
    today: number | bigint | null;
    week: number | bigint | null;
    signups: number | bigint | null;
    cancellations: number | bigint | null;
    n: number | bigint;
  };
  // - A sign-up row of another status (attended, held, offered…) adds nothing and its organisation reports only
  //   with something else (HAVING): filtering those statuses in WHERE would make SQLite read the sign-ups by
  //   status (millions) rather than by when they changed (the covering (updatedAt, status, eventId) index).
  // - A sign-up's organisation by a sub-select per row from the narrow (id, organisationId) index of the events
  //   (PostgreSQL would rather hash-join all 1,000,000 events; SQLite would read the wide rows), in a
  //   materialised CTE so that it is looked up once.
  // - NOT (…): events from the (status, endsAt) index, not by every past start (SQLite rates one-sided ranges
  //   alike).
  // - Grouped per organisation, then each organisation read once: its name and its district (stored on it,
  //   Organisation.districtId); for a city, grouped before anything is looked up (21,000 rows, 18,600
  //   organisations) and the district mostly tells whether it is in the root's subtree (underSqlByDistrict:
  //   90 districts probed, not 18,600 organisations). The districts are then one GROUP BY and the first
  //   organisations one ordered LIMIT.
  const rows = await deps.db.$queryRaw<Row[]>`
    WITH changes AS MATERIALIZED (
      SELECT s."status", (
        SELECT e."organisationId" FROM "Event" e ${dialect.indexedBy("Event_id_organisationId_idx")}
        WHERE e."id" = s."eventId") AS "orgId"
      FROM "Signup" s WHERE s."updatedAt" > ${at.since} AND s."updatedAt" <= ${at.now}
    ), activity AS (
      SELECT e."organisationId" AS "orgId",
             CASE WHEN e."startsAt" < ${at.dayEnd} THEN 1 ELSE 0 END AS "today",
             CASE WHEN e."startsAt" >= ${at.dayEnd} THEN 1 ELSE 0 END AS "week",
             0 AS "signups", 0 AS "cancellations"
      FROM "Event" e
      WHERE e."status" IN (${live}) AND e."endsAt" > ${at.dayStart} AND NOT (e."startsAt" >= ${at.weekEnd})
        ${rowCheck(Prisma.sql`e."organisationId"`)}
      UNION ALL
      SELECT c."orgId", 0, 0,
             CASE WHEN c."status" IN (${joined}) THEN 1 ELSE 0 END,
             CASE WHEN c."status" = ${cancelled} THEN 1 ELSE 0 END
      FROM changes c WHERE c."orgId" IS NOT NULL ${rowCheck(Prisma.sql`c."orgId"`)}
    ), grouped AS MATERIALIZED (
      SELECT "orgId", SUM("today") AS "today", SUM("week") AS "week",
             SUM("signups") AS "signups", SUM("cancellations") AS "cancellations"
      FROM activity GROUP BY "orgId"
      HAVING SUM("today") + SUM("week") + SUM("signups") + SUM("cancellations") > 0
    ), per AS MATERIALIZED (
      SELECT g.*, o."name", o."districtId" FROM grouped g CROSS JOIN "Organisation" o
      WHERE o."id" = g."orgId" ${orgCheck}
    ), districts AS (
      SELECT "districtId" AS "id", SUM("today") AS "today", SUM("week") AS "week",
             SUM("signups") AS "signups", SUM("cancellations") AS "cancellations", COUNT(*) AS "n"
      FROM per WHERE "districtId" IS NOT NULL GROUP BY "districtId"
    )
    SELECT 'all' AS "row", NULL AS "name", SUM("today") AS "today", SUM("week") AS "week",
           SUM("signups") AS "signups", SUM("cancellations") AS "cancellations", COUNT(*) AS "n"
    FROM per
    UNION ALL
    SELECT 'district', d."name", t."today", t."week", t."signups", t."cancellations", t."n"
    FROM districts t JOIN "Organisation" d ON d."id" = t."id"
    UNION ALL
    SELECT * FROM (
      SELECT 'organisation', p."name", p."today", p."week", p."signups", p."cancellations", 1 FROM per p
      ORDER BY p."today" + p."week" DESC, p."name" LIMIT ${TALLY_LINES}
    ) AS top`;
  const tally = (r: Row): Tally => ({
    name: r.name ?? "",
    today: Number(r.today ?? 0),
    week: Number(r.week ?? 0),
    signups: Number(r.signups ?? 0),
    cancellations: Number(r.cancellations ?? 0),
  });
  const all = rows.find((r) => r.row === "all");
  const none: Row = { row: "all", name: null, today: 0, week: 0, signups: 0, cancellations: 0, n: 0 };
  const { name: _name, ...sums } = tally(all ?? none);
  return {
    all: sums,
    organisations: Number(all?.n ?? 0),
    districts: rows.filter((r) => r.row === "district").map(tally),
    top: rows.filter((r) => r.row === "organisation").map(tally),
  };
}

/** Daily summaries' figures for a group (the scheduled summary and /summary both read them here). */
export class SummaryService {
  constructor(private readonly deps: Deps) {}

  /** The report for the local day of `now`, counting changes since `since`; null for a group not set up. */
  report(chatId: TelegramId, now: Date, since: Date): Promise<SummaryReport | null> {
    return gatherSummary(this.deps, chatId, now, since);
  }
}
