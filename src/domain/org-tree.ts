/**
 * The organisation hierarchy (city → district → street → organisation) as
 * pure functions over rows already read. The one place that walks it.
 */
export interface OrgNode {
  id: number;
  parentId: number | null;
  kind?: string;
}

/** The organisation and every organisation below it, root first; safe against cycles in bad data. */
export function subtreeOf<T extends OrgNode>(all: readonly T[], rootId: number): T[] {
  const children = new Map<number, T[]>();
  for (const o of all) {
    if (o.parentId === null) continue;
    const list = children.get(o.parentId);
    if (list) list.push(o);
    else children.set(o.parentId, [o]);
  }
  const result: T[] = [];
  const seen = new Set<number>();
  const queue = all.filter((o) => o.id === rootId);
  // a read index instead of shift(): shifting an array is O(n), which made the walk O(n²)
  for (let i = 0; i < queue.length; i++) {
    const next = queue[i] as T;
    if (seen.has(next.id)) continue;
    seen.add(next.id);
    result.push(next);
    for (const child of children.get(next.id) ?? []) queue.push(child);
  }
  return result;
}

/** The district an organisation sits in (itself if it is one), or null above or outside districts. */
export function districtOf<T extends OrgNode>(orgId: number, byId: ReadonlyMap<number, T>): T | null {
  let current = byId.get(orgId);
  for (let depth = 0; current && depth < 10; depth++) {
    if (current.kind === "district") return current;
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return null;
}
