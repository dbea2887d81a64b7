import { campaignGlance, type GlanceEvent, type GlanceOrg, type GlanceRow } from "../domain/campaign-glance.ts";
import { PLACE_HOLDING } from "../domain/signup-rules.ts";
import { inChunks } from "../store/chunked.ts";
import type { Db } from "../store/database.ts";
import type { OrganisationService } from "./organisations.ts";

/**
 * The figures of `/campaign` and `/campaign stats` for a hub. Reads the hub's subtree and the campaign's
 * events (a campaign is bounded; the database's organisations are not), and counts sign-ups in the database.
 */
export class CampaignGlanceService {
  constructor(
    private readonly db: Db,
    private readonly organisations: OrganisationService,
  ) {}

  async glance(campaignId: number, rootId: number): Promise<{ root: GlanceOrg; rows: GlanceRow[] } | null> {
    const subtree: GlanceOrg[] = await this.db.organisation.findMany({
      where: this.organisations.subtree(rootId),
      select: { id: true, name: true, kind: true, parentId: true },
    });
    const root = subtree.find((o) => o.id === rootId);
    if (!root) return null;
    const inTree = new Set(subtree.map((o) => o.id));
    // the campaign's events (a campaign is bounded), those of the subtree or co-organised by it kept
    const events = (
      await this.db.event.findMany({
        where: { campaignId, status: { notIn: ["draft", "cancelled"] } },
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
      })
    ).filter((e) => inTree.has(e.organisationId) || e.organisers.some((o) => inTree.has(o.organisationId ?? -1)));
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
    return { root, rows: campaignGlance(root, subtree, glanceEvents) };
  }
}

function byEvent<T extends { eventId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) map.set(row.eventId, [...(map.get(row.eventId) ?? []), row]);
  return map;
}
