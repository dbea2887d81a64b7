import { campaignGlance, type GlanceEvent, type GlanceOrg, type GlanceRow } from "../domain/campaign-glance.ts";
import { PLACE_HOLDING } from "../domain/signup-rules.ts";
import { inChunks } from "../store/chunked.ts";
import type { Db, SqlDialect } from "../store/database.ts";
import { eventsInScopeSql, subtreeScope, wideScan } from "./org-scope.ts";

/**
 * The figures of `/campaign` and `/campaign stats` for a hub. Reads the campaign's events in the hub's subtree
 * (a campaign is bounded; the organisations below a hub are not: a province has 100,000), the hubs just below
 * it, and — from the closure table — where the organisations those events name sit; sign-ups are counted in
 * the database.
 */
export class CampaignGlanceService {
  constructor(
    private readonly db: Db,
    private readonly dialect: Pick<SqlDialect, "name">,
  ) {}

  /** `shownIds`: the campaign's events in the root's subtree (not draft or cancelled), when already known. */
  async glance(
    campaignId: number,
    rootId: number,
    shownIds?: number[],
  ): Promise<{ root: GlanceOrg; rows: GlanceRow[] } | null> {
    // the root and its parts, the hubs just below it (a city's districts, a district's streets), in one read
    const hubs = await this.db.organisation.findMany({
      where: { OR: [{ id: rootId }, { parentId: rootId, kind: { not: "organisation" } }] },
      select: { id: true, name: true, kind: true, parentId: true },
      orderBy: { id: "asc" },
    });
    const root = hubs.find((o) => o.id === rootId);
    if (!root) return null;
    const parts = hubs.filter((o) => o.id !== rootId);
    // the campaign's events that the root's subtree runs or co-organises: their ids by one statement (the
    // campaign's index, the scope as SQL over the closure table), then those rows
    const ids =
      shownIds ??
      (
        await this.db.$queryRaw<{ id: number }[]>`
          SELECT e."id" FROM "Event" e
          WHERE e."campaignId" = ${campaignId} AND e."status" NOT IN ('draft', 'cancelled')
            AND ${eventsInScopeSql(subtreeScope(rootId), "e", wideScan(this.dialect))}`
      ).map((r) => Number(r.id));
    const events = await inChunks(ids, (chunk) =>
      this.db.event.findMany({
        where: { id: { in: chunk } },
        orderBy: { id: "asc" },
        select: {
          id: true,
          organisationId: true,
          capacity: true,
          hours: true,
          startsAt: true,
          endsAt: true,
          precision: true,
          timeZone: true,
          organisers: { select: { organisationId: true }, orderBy: { position: "asc" } },
        },
      }),
    );
    // where the organisations those events name sit: read from the closure table, for them only (below the
    // root at all, and below which part), in one read
    const named = [
      ...new Set(events.flatMap((e) => [e.organisationId, ...e.organisers.flatMap((o) => o.organisationId ?? [])])),
    ];
    const above = await inChunks(named, (chunk) =>
      this.db.organisationAncestor.findMany({
        where: {
          descendantId: { in: chunk },
          OR: [{ ancestorId: rootId }, { ancestor: { parentId: rootId, kind: { not: "organisation" } } }],
        },
        select: { descendantId: true, ancestorId: true },
      }),
    );
    const partOf = new Map<number, number>();
    for (const a of above) if (a.ancestorId === rootId) partOf.set(a.descendantId, rootId);
    for (const a of above) if (a.ancestorId !== rootId) partOf.set(a.descendantId, a.ancestorId);
    // the places held, and the hours of those who attended (attended holds a place), in one read
    const eventIds = events.map((e) => e.id);
    const held = await inChunks(eventIds, (chunk) =>
      this.db.signup.groupBy({
        by: ["eventId", "status", "guests", "hours"],
        where: { eventId: { in: chunk }, status: { in: [...PLACE_HOLDING] } },
        _count: { _all: true },
      }),
    );
    const placesOf = byEvent(held);
    // those who attended, per event by the hours set for them (the groups above also split them by guests)
    const hoursOf = new Map<number, Map<number | null, number>>();
    for (const h of held.filter((h) => h.status === "attended")) {
      const perHours = hoursOf.get(h.eventId) ?? new Map<number | null, number>();
      perHours.set(h.hours, (perHours.get(h.hours) ?? 0) + h._count._all);
      hoursOf.set(h.eventId, perHours);
    }
    const glanceEvents: GlanceEvent[] = events.map((e) => {
      const mine = placesOf.get(e.id) ?? [];
      const people = (statuses: readonly string[]) =>
        mine.filter((p) => statuses.includes(p.status)).reduce((n, p) => n + p._count._all * (1 + p.guests), 0);
      return {
        organisationId: e.organisationId,
        coHostIds: e.organisers.flatMap((o) => (o.organisationId === null ? [] : [o.organisationId])),
        capacity: e.capacity,
        taken: people(PLACE_HOLDING),
        attended: people(["attended"]),
        attendedHours: [...(hoursOf.get(e.id) ?? [])].map(([hours, count]) => ({ hours, count })),
        hours: e.hours,
        window: { start: e.startsAt, end: e.endsAt, precision: e.precision, timeZone: e.timeZone },
      };
    });
    return { root, rows: campaignGlance(root, parts, partOf, glanceEvents) };
  }
}

function byEvent<T extends { eventId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) map.set(row.eventId, [...(map.get(row.eventId) ?? []), row]);
  return map;
}
