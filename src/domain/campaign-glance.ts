import type { TimeWindow } from "./time/index.ts";
import { creditedHours, totalHours } from "./volunteer-hours.ts";

/**
 * A campaign at a glance from a hub: per part of the hub (the hubs just below it — a city's districts,
 * a district's streets — plus the hub's own line for what sits directly under it), the activities,
 * sign-ups, places left, attendance and hours so far. Pure: the caller reads the subtree and the counts.
 */
export interface GlanceOrg {
  id: number;
  name: string;
  kind: string;
  parentId: number | null;
}

export interface GlanceEvent {
  organisationId: number;
  /** co-organising organisations, in the order named */
  coHostIds: number[];
  capacity: number | null;
  /** places held (confirmed, attended, absent), guests included */
  taken: number;
  /** people marked attended, their guests included */
  attended: number;
  /** attended sign-ups by the hours set for the person (null: the event's), with how many have them */
  attendedHours: { hours: number | null; count: number }[];
  /** hours set for the event (null: the window's length) */
  hours: number | null;
  window: TimeWindow;
}

export interface GlanceRow {
  /** the hub below (or the root for its own line) */
  id: number;
  name: string;
  /** the root's own line: what sits directly under the hub, outside the hubs below */
  own: boolean;
  activities: number;
  signups: number;
  /** places left in the activities with a cap */
  placesLeft: number;
  /** activities without a cap */
  uncapped: number;
  attended: number;
  hours: number;
}

/**
 * The rows: one per hub just below the root (`parts`, with or without activities, in directory order), then the
 * root's own line. `partOf` says, for each organisation of the root's subtree that the events name, which
 * part it sits in (a part's id, or the root's for what sits directly under the root); others are outside.
 */
export function campaignGlance(
  root: GlanceOrg,
  parts: readonly GlanceOrg[],
  partOf: ReadonlyMap<number, number>,
  events: readonly GlanceEvent[],
): GlanceRow[] {
  const part = partOf;
  const row = (org: GlanceOrg, own: boolean): GlanceRow => ({
    id: org.id,
    name: org.name,
    own,
    activities: 0,
    signups: 0,
    placesLeft: 0,
    uncapped: 0,
    attended: 0,
    hours: 0,
  });
  const rows = new Map<number, GlanceRow>();
  for (const org of [...parts].sort((a, b) => a.id - b.id)) rows.set(org.id, row(org, false));
  const ownLine = row(root, true);
  const hours = new Map<number, (number | null)[]>();
  for (const event of events) {
    // an activity counts once: where its organiser sits, else where its first co-organiser here sits
    const home = [event.organisationId, ...event.coHostIds].find((id) => part.has(id));
    if (home === undefined) continue;
    const target = rows.get(part.get(home) ?? root.id) ?? ownLine;
    target.activities++;
    target.signups += event.taken;
    target.attended += event.attended;
    if (event.capacity === null) target.uncapped++;
    else target.placesLeft += Math.max(0, event.capacity - event.taken);
    const credited = event.attendedHours.map((a) => a.count * (creditedHours(a.hours, event.hours, event.window) ?? 0));
    hours.set(target.id, [...(hours.get(target.id) ?? []), ...credited]);
  }
  for (const r of [...rows.values(), ownLine]) r.hours = totalHours(hours.get(r.id) ?? []);
  const out = [...rows.values()];
  // the hub's own line when something sits directly under it, or when there is nothing below to show
  if (ownLine.activities > 0 || out.length === 0) out.push(ownLine);
  return out;
}
