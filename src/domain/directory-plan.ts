import type { OrgKindName } from "./organisation-input.ts";

/**
 * An organisation directory (name, level, parent) against the organisations
 * already stored: what an import would create, move or leave alone, and which
 * rows it refuses (unknown parents, cycles, duplicates). Pure: the caller
 * reads the stored organisations it names (and their ancestors) first.
 */
export interface DirectoryRow {
  /** spreadsheet row number (1-based, counting the header) */
  row: number;
  name: string;
  kind: OrgKindName;
  /** the parent's name; null for the top */
  parent: string | null;
}

export interface StoredOrg {
  id: number;
  name: string;
  kind: OrgKindName;
  parentId: number | null;
}

export type DirectoryProblem =
  | "duplicate"
  | "unknown_parent"
  | "cycle"
  | "own_parent"
  | "parent_invalid"
  | "outside"
  | "name_missing"
  | "level_unknown"
  | "name_too_long";

export interface DirectoryError {
  row: number;
  code: DirectoryProblem;
  value?: string;
}

export type PlanAction = "create" | "move" | "update" | "unchanged";

export interface PlannedOrg {
  row: number;
  name: string;
  kind: OrgKindName;
  parent: string | null;
  action: PlanAction;
  /** the stored organisation, when it exists */
  id: number | null;
  /** the stored parent, when it exists already (a new parent is created first, in the same import) */
  parentId: number | null;
}

export interface DirectoryPlan {
  /** parents before children, in file order otherwise */
  orgs: PlannedOrg[];
  errors: DirectoryError[];
  counts: Record<PlanAction, number>;
}

export interface PlanScope {
  /** the importing hub: rows without a parent go under it; stored organisations outside it cannot be changed */
  root: StoredOrg;
  /** ids of the root and everything below it */
  below: ReadonlySet<number>;
}

/** How names are compared: width, spacing and case folded. */
export function directoryKey(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * Plans an import. `stored` holds the stored organisations the file names (found by `directoryKey`,
 * one per key) and `ancestors` every stored organisation above them, by id.
 */
export function planDirectory(
  rows: readonly DirectoryRow[],
  stored: ReadonlyMap<string, StoredOrg>,
  ancestors: ReadonlyMap<number, StoredOrg>,
  scope: PlanScope | null,
): DirectoryPlan {
  const errors: DirectoryError[] = [];
  const byKey = new Map<string, DirectoryRow>();
  for (const row of rows) {
    const key = directoryKey(row.name);
    if (byKey.has(key)) errors.push({ row: row.row, code: "duplicate", value: row.name });
    else byKey.set(key, row);
  }
  const storedById = new Map<number, StoredOrg>(ancestors);
  for (const org of stored.values()) storedById.set(org.id, org);

  // where each organisation named in the file ends up: a file row's parent wins over the stored one
  const parentKey = new Map<string, string | null>();
  const rootKey = scope ? directoryKey(scope.root.name) : null;
  for (const [key, row] of byKey) {
    if (key === rootKey) {
      parentKey.set(key, null); // the importing hub itself is never moved by its own import
      continue;
    }
    const own = stored.get(key);
    if (scope && own && !scope.below.has(own.id)) {
      errors.push({ row: row.row, code: "outside", value: row.name });
      continue;
    }
    if (row.parent !== null && directoryKey(row.parent) === key) {
      errors.push({ row: row.row, code: "own_parent", value: row.name });
      continue;
    }
    if (row.parent === null) {
      parentKey.set(key, rootKey);
      continue;
    }
    const pKey = directoryKey(row.parent);
    const storedParent = stored.get(pKey);
    if (!byKey.has(pKey) && !storedParent) {
      errors.push({ row: row.row, code: "unknown_parent", value: row.parent });
      continue;
    }
    if (scope && !byKey.has(pKey) && storedParent && !scope.below.has(storedParent.id)) {
      errors.push({ row: row.row, code: "outside", value: row.parent });
      continue;
    }
    parentKey.set(key, pKey);
  }

  /** The next organisation up from `key` (a file name, or "#id" for a stored one the file does not name). */
  const parentOf = (key: string): string | null | undefined => {
    if (parentKey.has(key)) return parentKey.get(key);
    if (byKey.has(key)) return undefined; // a row with an error: the walk stops here
    const org = key.startsWith("#") ? storedById.get(Number(key.slice(1))) : stored.get(key);
    if (!org || org.parentId === null) return null;
    const parent = storedById.get(org.parentId);
    if (!parent) return null;
    const parentName = directoryKey(parent.name);
    // a stored ancestor that the file also names sits where the file puts it
    return byKey.has(parentName) && stored.get(parentName)?.id === parent.id ? parentName : `#${parent.id}`;
  };

  const inCycle: string[] = [];
  for (const key of parentKey.keys()) {
    const seen = new Set<string>([key]);
    for (let current = parentOf(key); current !== null && current !== undefined; current = parentOf(current)) {
      if (current === key) {
        inCycle.push(key);
        break;
      }
      if (seen.has(current) || seen.size > 256) break; // a cycle above: its own rows report it
      seen.add(current);
    }
  }
  for (const key of inCycle) {
    const row = byKey.get(key);
    if (row) errors.push({ row: row.row, code: "cycle", value: row.name });
    parentKey.delete(key);
  }

  // a row is planned only when every row above it in the file is planned too
  const plannable = (key: string, guard = 0): boolean => {
    if (!parentKey.has(key)) return false;
    const p = parentKey.get(key);
    return p === null || p === undefined || !byKey.has(p) || (guard < 256 && plannable(p, guard + 1));
  };
  const depth = (key: string): number => {
    let d = 0;
    for (let p = parentKey.get(key); p && byKey.has(p) && d < 256; p = parentKey.get(p)) d++;
    return d;
  };
  const orgs: (PlannedOrg & { depth: number })[] = [];
  const counts: Record<PlanAction, number> = { create: 0, move: 0, update: 0, unchanged: 0 };
  for (const [key, row] of byKey) {
    if (!parentKey.has(key)) continue;
    if (!plannable(key)) {
      errors.push({ row: row.row, code: "parent_invalid", value: row.parent ?? "" });
      continue;
    }
    const pKey = parentKey.get(key) ?? null;
    const parentName = pKey === null ? null : (byKey.get(pKey)?.name ?? stored.get(pKey)?.name ?? null);
    const own = stored.get(key);
    let action: PlanAction = "create";
    if (own) {
      const parentId = pKey === null ? null : (stored.get(pKey)?.id ?? -1);
      if (key === rootKey) action = "unchanged";
      else if (own.parentId !== parentId) action = "move";
      else if (own.kind !== row.kind) action = "update";
      else action = "unchanged";
    }
    counts[action]++;
    orgs.push({
      row: row.row,
      name: own?.name ?? row.name,
      kind: key === rootKey && own ? own.kind : row.kind,
      parent: key === rootKey ? null : parentName,
      action,
      id: own?.id ?? null,
      parentId: pKey === null ? null : (stored.get(pKey)?.id ?? null),
      depth: depth(key),
    });
  }
  orgs.sort((a, b) => a.depth - b.depth || a.row - b.row);
  errors.sort((a, b) => a.row - b.row);
  return { orgs: orgs.map(({ depth: _, ...org }) => org), errors: dedupe(errors), counts };
}

function dedupe(errors: DirectoryError[]): DirectoryError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.row}:${e.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
