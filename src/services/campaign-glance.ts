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
    const select = { id: true, name: true, kind: true, parentId: true } as const;
    const root = await this.db.organisation.findUnique({ where: { id: rootId }, select });
    if (!root) return null;
    // the parts: the hubs just below the root (a city's districts, a district's streets)
    const parts = await this.db.organisation.findMany({
      where: { parentId: rootId, kind: { not: "organisation" } },
      select,
      orderBy: { id: "asc" },
    });
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
    // where the organisations those events name sit: read from the closure table, for them only
    const named = [
      ...new Set(events.flatMap((e) => [e.organisationId, ...e.organisers.flatMap((o) => o.organisationId ?? [])])),
    ];
    const inTree = await inChunks(named, (chunk) =>
      this.db.organisationAncestor.findMany({
        where: { ancestorId: rootId, descendantId: { in: chunk } },
        select: { descendantId: true },
      }),
    );
    const underParts = await inChunks(named, (chunk) =>
      this.db.organisationAncestor.findMany({
        where: { descendantId: { in: chunk }, ancestor: { parentId: rootId, kind: { not: "organisation" } } },
        select: { descendantId: true, ancestorId: true },
      }),
    );
    const partOf = new Map(inTree.map((a) => [a.descendantId, rootId]));
    for (const a of underParts) partOf.set(a.descendantId, a.ancestorId);
    const eventIds = events.map((e) => e.id);
    const places = await inChunks(eventIds, (chunk) =>
      this.db.signup.groupBy({
        by: ["eventId", "status", "guests"],
        where: { eventId: { in: chunk }, status: { in: [...PLACE_HOLDING] } },
        _count: { _all: true },
      }),
    );
    const hours = await inChunks(eventIds, (chunk) =>
      this.db.signup.groupBy({
        by: ["eventId", "hours"],
        where: { eventId: { in: chunk }, status: "attended" },
        _count: { _all: true },
      }),
    );
    const placesOf = byEvent(places);
    const hoursOf = byEvent(hours);
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
        attendedHours: (hoursOf.get(e.id) ?? []).map((h) => ({ hours: h.hours, count: h._count._all })),
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
