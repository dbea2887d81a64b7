import type BetterSqlite3 from "better-sqlite3";
import {
  type CardMarkRow,
  type CardPath,
  MARKED_SQL,
  POSTED_SQL,
  type PostedCard,
  postedCard,
  ROLE_COUNTS_SQL,
  type RoleCountRow,
  roleCountRow,
  type ShownCard,
  VERSIONS_SQL,
} from "./card-path.ts";
import { sqliteTime } from "./sqlite-tap-path.ts";

/** A list of event ids as one parameter, however many (a flush: up to 200). */
const IDS = `IN (SELECT value FROM json_each(@ids))`;

function prepareStatements(db: BetterSqlite3.Database) {
  return {
    marked: db.prepare<[{ limit: number }], CardMarkRow>(MARKED_SQL("@limit")),
    // chat ids are BIGINT: read as bigint, every integer of the row with them
    posted: db.prepare<[{ ids: string }], Record<keyof PostedCard, unknown>>(POSTED_SQL(IDS)).safeIntegers(true),
    shown: db.prepare<[{ id: number; hash: string; at: string }]>(
      `UPDATE "EventMessage" SET "editedAt" = @at, "shownHash" = @hash WHERE "id" = @id`,
    ),
    clear: db.prepare<[CardMarkRow]>(`DELETE FROM "CardMark" WHERE "eventId" = @eventId AND "stale" = @stale`),
    roles: db.prepare<[{ ids: string }], Record<keyof RoleCountRow, unknown>>(ROLE_COUNTS_SQL(IDS)),
    versions: db.prepare<[{ ids: string }], { id: number; version: string }>(VERSIONS_SQL(IDS)),
  };
}

/**
 * The card refresher's statements on SQLite (card-path.ts), prepared on Prisma's own better-sqlite3 connection and
 * run in the tap path's batches (`run`: sqlite-tap-path.ts `inBatch`), which wait for an open Prisma transaction
 * and never interleave with one.
 */
export class SqliteCardPath implements CardPath {
  private prepared: ReturnType<typeof prepareStatements> | null = null;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly run: <T>(work: () => T) => Promise<T>,
  ) {}

  private get statements() {
    this.prepared ??= prepareStatements(this.db);
    return this.prepared;
  }

  queue(limit: number): Promise<{ marked: CardMarkRow[]; posted: PostedCard[] }> {
    return this.run(() => {
      const marked = this.statements.marked
        .all({ limit })
        .map((m) => ({ eventId: Number(m.eventId), stale: Number(m.stale) }));
      if (marked.length === 0) return { marked, posted: [] };
      const ids = JSON.stringify(marked.map((m) => m.eventId));
      return { marked, posted: this.statements.posted.all({ ids }).map(postedCard) };
    });
  }

  recordShown(shown: ShownCard[], at: Date): Promise<void> {
    if (shown.length === 0) return Promise.resolve();
    const time = sqliteTime(at);
    return this.run(() => {
      for (const { id, hash } of shown) this.statements.shown.run({ id, hash, at: time });
    });
  }

  clearMarks(marks: CardMarkRow[]): Promise<void> {
    if (marks.length === 0) return Promise.resolve();
    // SQLite has one writer at a time: no tap is changing a mark while this batch runs
    return this.run(() => {
      for (const { eventId, stale } of marks) this.statements.clear.run({ eventId, stale });
    });
  }

  roleCounts(eventIds: number[]): Promise<RoleCountRow[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    const ids = JSON.stringify(eventIds);
    return this.run(() => this.statements.roles.all({ ids }).map(roleCountRow));
  }

  eventVersions(eventIds: number[]): Promise<{ id: number; version: string }[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    const ids = JSON.stringify(eventIds);
    return this.run(() => this.statements.versions.all({ ids }).map((r) => ({ id: Number(r.id), version: r.version })));
  }
}
