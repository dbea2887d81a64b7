import {
  type DirectoryError,
  type DirectoryPlan,
  type DirectoryRow,
  directoryKey,
  type PlanScope,
  planDirectory,
  type StoredOrg,
} from "../domain/directory-plan.ts";
import { inChunks } from "../store/chunked.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import { newJoinCode } from "./organisations.ts";

/** One organisation of the directory after an import (or as it would be): its join code and link. */
export interface DirectoryEntry {
  row: number;
  name: string;
  kind: StoredOrg["kind"];
  parent: string | null;
  action: DirectoryPlan["orgs"][number]["action"];
  id: number | null;
  /** null in a dry run for an organisation not created yet */
  joinCode: string | null;
}

export interface DirectoryResult {
  entries: DirectoryEntry[];
  counts: DirectoryPlan["counts"];
}

/** A staged directory import waiting for Import / Cancel. */
export interface PendingDirectory {
  id: number;
  organisationId: number;
  userId: TelegramId;
  fileName: string;
  rows: DirectoryRow[];
  /** problems found while reading the file (before planning) */
  readErrors: DirectoryError[];
}

const LOOKUP_CHUNK = 400;
const MAX_DEPTH = 12;
const TX_OPTIONS = { maxWait: 10_000, timeout: 120_000 };
const PENDING_KIND = "directory";
const PENDING_TTL_MS = 24 * 60 * 60_000;

/** `https://t.me/<bot>?startgroup=<code>`: adds the bot to a group, which then sends `/start <code>` there. */
export function startGroupLink(botUsername: string | null | undefined, joinCode: string): string {
  return `https://t.me/${botUsername || "<bot>"}?startgroup=${joinCode}`;
}

/**
 * Organisation directories: a table of names, levels and parents becomes the
 * hierarchy. Organisations are matched by name, so importing the same file
 * twice changes nothing and a changed parent moves the organisation.
 */
export class DirectoryService {
  constructor(private readonly db: Db) {}

  /** What importing these rows would do. With a root (a hub importing in the chat), only below it. */
  async plan(rows: readonly DirectoryRow[], rootId: number | null): Promise<DirectoryPlan> {
    const keys = new Set<string>();
    for (const row of rows) {
      keys.add(directoryKey(row.name));
      if (row.parent !== null) keys.add(directoryKey(row.parent));
    }
    const stored = await this.storedByKey([...keys], rows);
    let scope: PlanScope | null = null;
    if (rootId !== null) {
      const root = await this.db.organisation.findUnique({ where: { id: rootId } });
      if (!root) throw new Error(`no organisation ${rootId}`);
      stored.set(directoryKey(root.name), root);
      scope = {
        root,
        below: await this.belowOf(
          rootId,
          [...stored.values()].map((o) => o.id),
        ),
      };
    }
    const ancestors = await this.ancestorsOf([...stored.values()]);
    return planDirectory(rows, stored, ancestors, scope);
  }

  /** Writes a plan in one transaction: new organisations (parents first) and moves. */
  async apply(plan: DirectoryPlan, defaults: { timeZone: string; locale: string }): Promise<DirectoryResult> {
    const entries = await this.db.$transaction(async (tx) => {
      const idByKey = new Map<string, number>();
      for (const org of plan.orgs) if (org.id !== null) idByKey.set(directoryKey(org.name), org.id);
      const out: DirectoryEntry[] = [];
      for (const org of plan.orgs) {
        const resolvedParent =
          org.parent === null ? null : (idByKey.get(directoryKey(org.parent)) ?? org.parentId ?? null);
        if (org.action === "create") {
          const parent =
            resolvedParent === null ? null : await tx.organisation.findUnique({ where: { id: resolvedParent } });
          const created = await tx.organisation.create({
            data: {
              name: org.name,
              kind: org.kind,
              parentId: resolvedParent,
              timeZone: parent?.timeZone ?? defaults.timeZone,
              locale: parent?.locale ?? defaults.locale,
              joinCode: newJoinCode(),
            },
          });
          idByKey.set(directoryKey(org.name), created.id);
          out.push({ ...org, id: created.id, joinCode: created.joinCode });
          continue;
        }
        const id = org.id ?? -1;
        const updated =
          org.action === "unchanged"
            ? await tx.organisation.findUnique({ where: { id } })
            : await tx.organisation.update({ where: { id }, data: { parentId: resolvedParent, kind: org.kind } });
        out.push({ ...org, joinCode: updated?.joinCode ?? null });
      }
      return out;
    }, TX_OPTIONS);
    return { entries: entries.sort((a, b) => a.row - b.row), counts: plan.counts };
  }

  /** The plan's organisations with the join codes they already have (a dry run). */
  async describe(plan: DirectoryPlan): Promise<DirectoryEntry[]> {
    const ids = plan.orgs.flatMap((o) => (o.id === null ? [] : [o.id]));
    const codes = new Map<number, string>();
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const found = await this.db.organisation.findMany({
        where: { id: { in: ids.slice(i, i + LOOKUP_CHUNK) } },
        select: { id: true, joinCode: true },
      });
      for (const o of found) codes.set(o.id, o.joinCode);
    }
    return plan.orgs
      .map((o) => ({ ...o, joinCode: o.id === null ? null : (codes.get(o.id) ?? null) }))
      .sort((a, b) => a.row - b.row);
  }

  async stage(
    organisationId: number,
    userId: TelegramId,
    staged: { fileName: string; rows: DirectoryRow[]; readErrors: DirectoryError[] },
    now: Date,
  ): Promise<number> {
    await this.db.pendingImport.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - PENDING_TTL_MS) } } });
    const row = await this.db.pendingImport.create({
      data: { organisationId, userId, kind: PENDING_KIND, payload: JSON.stringify(staged), createdAt: now },
    });
    return row.id;
  }

  async pending(id: number): Promise<PendingDirectory | null> {
    const row = await this.db.pendingImport.findUnique({ where: { id } });
    if (row?.kind !== PENDING_KIND) return null;
    const staged = JSON.parse(row.payload) as Pick<PendingDirectory, "fileName" | "rows" | "readErrors">;
    return { id: row.id, organisationId: row.organisationId, userId: row.userId, ...staged };
  }

  /** Forgets a staged import; false when it was already confirmed or cancelled (the first press wins). */
  async take(id: number): Promise<boolean> {
    const { count } = await this.db.pendingImport.deleteMany({ where: { id, kind: PENDING_KIND } });
    return count > 0;
  }

  /** Stored organisations by name key: the one inside the rows' own tree when a name is used twice. */
  private async storedByKey(keys: string[], rows: readonly DirectoryRow[]): Promise<Map<string, StoredOrg>> {
    const names = new Set<string>();
    for (const row of rows) {
      names.add(row.name);
      if (row.parent !== null) names.add(row.parent);
    }
    const wanted = new Set(keys);
    const found = new Map<string, StoredOrg>();
    const list = [...names];
    for (let i = 0; i < list.length; i += LOOKUP_CHUNK) {
      const orgs = await this.db.organisation.findMany({
        where: { name: { in: list.slice(i, i + LOOKUP_CHUNK) } },
        select: { id: true, name: true, kind: true, parentId: true },
        orderBy: { id: "asc" },
      });
      for (const org of orgs) {
        const key = directoryKey(org.name);
        if (wanted.has(key) && !found.has(key)) found.set(key, org);
      }
    }
    return found;
  }

  /** Every stored organisation above these, by id (a few queries: one per level). */
  private async ancestorsOf(orgs: StoredOrg[]): Promise<Map<number, StoredOrg>> {
    const known = new Map<number, StoredOrg>(orgs.map((o) => [o.id, o]));
    let next = [...new Set(orgs.flatMap((o) => (o.parentId === null ? [] : [o.parentId])))];
    for (let depth = 0; depth < MAX_DEPTH && next.length > 0; depth++) {
      const missing = next.filter((id) => !known.has(id));
      const found: StoredOrg[] = [];
      for (let i = 0; i < missing.length; i += LOOKUP_CHUNK) {
        found.push(
          ...(await this.db.organisation.findMany({
            where: { id: { in: missing.slice(i, i + LOOKUP_CHUNK) } },
            select: { id: true, name: true, kind: true, parentId: true },
          })),
        );
      }
      for (const o of found) known.set(o.id, o);
      next = found.flatMap((o) => (o.parentId === null ? [] : [o.parentId]));
    }
    return known;
  }

  /**
   * Which of these organisations (those the file names) are the root or below it: looked up in the closure
   * table in chunks of the file's own size, never by reading the root's whole subtree.
   */
  private async belowOf(rootId: number, ids: number[]): Promise<Set<number>> {
    const rows = await inChunks(ids, (chunk) =>
      this.db.organisationAncestor.findMany({
        where: { ancestorId: rootId, descendantId: { in: chunk } },
        select: { descendantId: true },
      }),
    );
    return new Set([rootId, ...rows.map((r) => r.descendantId)]);
  }
}
