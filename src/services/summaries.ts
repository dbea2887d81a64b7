import { LIVE_STATUSES } from "../domain/event-status.ts";
import { districtOf, subtreeOf } from "../domain/org-tree.ts";
import { endOfLocalDay } from "../domain/reminders/plan.ts";
import { addDays, localDate, startOfLocalDay, wallClockOf, zonedInstant } from "../domain/time/calendar.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { Counts, EventSummary } from "../views/event-views.ts";
import type { SignupService } from "./signups.ts";

/** events listed per section; the rest are counted */
const LISTED = 10;
const ORGS_PER_QUERY = 500;

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

interface OrgRow {
  id: number;
  name: string;
  kind: string;
  parentId: number | null;
}

/**
 * Gathers a group's summary for the local day of `now`: today's events, the
 * next seven days, sign-ups and cancellations since `since`, places left; a
 * hub also gets tallies per organisation and per district. Null when the
 * group is not linked to an organisation.
 */
export async function gatherSummary(
  deps: { db: Db; signups: Pick<SignupService, "counts"> },
  chatId: TelegramId,
  now: Date,
  since: Date,
): Promise<SummaryReport | null> {
  const { db } = deps;
  const chat = await db.chat.findUnique({ where: { id: chatId }, include: { organisation: true } });
  const root = chat?.organisation;
  if (!root) return null;
  const tz = root.timeZone;
  const all = await db.organisation.findMany({ select: { id: true, name: true, kind: true, parentId: true } });
  const orgs = subtreeOf(all, root.id);
  const orgIds = orgs.map((o) => o.id);
  const dayStart = startOfLocalDay(now, tz);
  const dayEnd = endOfLocalDay(now, tz);
  const weekEnd = zonedInstant(addDays(wallClockOf(now, tz).date, 8), 0, tz);
  const todayRange = { startsAt: { lt: dayEnd }, endsAt: { gt: dayStart } };
  const weekRange = { startsAt: { gte: dayEnd, lt: weekEnd } };
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
  const order = [{ startsAt: "asc" as const }, { id: "asc" as const }];
  // A city hub may have thousands of organisations below it: read them in chunks the database accepts.
  const perChunk = await Promise.all(
    chunks(orgIds, ORGS_PER_QUERY).map(async (ids) => {
      const base = { organisationId: { in: ids }, status: { in: [...LIVE_STATUSES] } };
      const [todayCounts, weekCounts, today, week, changes] = await Promise.all([
        db.event.groupBy({ by: ["organisationId"], where: { ...base, ...todayRange }, _count: { _all: true } }),
        db.event.groupBy({ by: ["organisationId"], where: { ...base, ...weekRange }, _count: { _all: true } }),
        db.event.findMany({ where: { ...base, ...todayRange }, select, orderBy: order, take: LISTED }),
        db.event.findMany({ where: { ...base, ...weekRange }, select, orderBy: order, take: LISTED }),
        db.signup.findMany({
          where: {
            updatedAt: { gt: since, lte: now },
            status: { in: ["confirmed", "waitlisted", "cancelled"] },
            event: { organisationId: { in: ids } },
          },
          select: { status: true, event: { select: { organisationId: true } } },
        }),
      ]);
      return { todayCounts, weekCounts, today, week, changes };
    }),
  );
  const byStart = (a: { startsAt: Date; id: number }, b: { startsAt: Date; id: number }) =>
    a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id;
  const today = perChunk
    .flatMap((c) => c.today)
    .sort(byStart)
    .slice(0, LISTED);
  const week = perChunk
    .flatMap((c) => c.week)
    .sort(byStart)
    .slice(0, LISTED);
  const counts = await deps.signups.counts([...today, ...week].map((e) => e.id));

  const hub = orgs.length > 1;
  const byId = new Map(all.map((o) => [o.id, o]));
  const tallies = (groupOf: (orgId: number) => OrgRow | null): Tally[] => {
    const rows = new Map<number, Tally>();
    const row = (orgId: number): Tally | null => {
      const group = groupOf(orgId);
      if (!group) return null;
      const existing = rows.get(group.id);
      if (existing) return existing;
      const fresh = { name: group.name, today: 0, week: 0, signups: 0, cancellations: 0 };
      rows.set(group.id, fresh);
      return fresh;
    };
    // events of organisations outside every group (city-level events in a per-district tally) are not counted there
    for (const c of perChunk) {
      for (const g of c.todayCounts) {
        const r = row(g.organisationId);
        if (r) r.today += g._count._all;
      }
      for (const g of c.weekCounts) {
        const r = row(g.organisationId);
        if (r) r.week += g._count._all;
      }
      for (const change of c.changes) {
        const r = row(change.event.organisationId);
        if (r && change.status === "cancelled") r.cancellations++;
        else if (r) r.signups++;
      }
    }
    return [...rows.values()].sort((a, b) => b.today + b.week - (a.today + a.week) || a.name.localeCompare(b.name));
  };
  const total = tallies(() => root);
  const sum = total[0] ?? { today: 0, week: 0, signups: 0, cancellations: 0 };
  const districts = hub ? tallies((id) => districtOf(id, byId)) : [];
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
    byOrganisation: hub ? tallies((id) => byId.get(id) ?? null) : null,
    byDistrict: districts.length > 1 ? districts : null,
    quiet: sum.today + sum.week + sum.signups + sum.cancellations === 0,
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Daily summaries' figures for a group (the scheduled summary and /summary both read them here). */
export class SummaryService {
  constructor(private readonly deps: { db: Db; signups: Pick<SignupService, "counts"> }) {}

  /** The report for the local day of `now`, counting changes since `since`; null for a group not set up. */
  report(chatId: TelegramId, now: Date, since: Date): Promise<SummaryReport | null> {
    return gatherSummary(this.deps, chatId, now, since);
  }
}
