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

/** Which part of the root each organisation of its subtree falls in: a hub just below the root, or the root. */
export function partsOf(rootId: number, subtree: readonly GlanceOrg[]): Map<number, number> {
  const byId = new Map(subtree.map((o) => [o.id, o]));
  const part = new Map<number, number>();
  for (const org of subtree) {
    let current: GlanceOrg | undefined = org;
    for (let depth = 0; current && current.parentId !== rootId && current.id !== rootId && depth < 12; depth++) {
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
    const top = current && current.id !== rootId && current.kind !== "organisation" ? current.id : rootId;
    part.set(org.id, top);
  }
  return part;
}

export function campaignGlance(
  root: GlanceOrg,
  subtree: readonly GlanceOrg[],
  events: readonly GlanceEvent[],
): GlanceRow[] {
  const part = partsOf(root.id, subtree);
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
  // every hub just below the root gets a line, with or without activities, in directory order
  for (const org of [...subtree].sort((a, b) => a.id - b.id)) {
    if (org.parentId === root.id && org.kind !== "organisation") rows.set(org.id, row(org, false));
  }
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
