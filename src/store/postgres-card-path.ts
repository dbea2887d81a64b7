import type pg from "pg";
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
import { utc } from "./postgres-tap-path.ts";

/** The event ids, as the statement's first parameter (one parameter however many). */
const IDS = `= ANY($1::integer[])`;

const MARKED = { name: "yiqi-cards-marked", text: MARKED_SQL("$1::integer") };
const POSTED = { name: "yiqi-cards-posted", text: POSTED_SQL(IDS) };
const ROLES = { name: "yiqi-role-counts", text: ROLE_COUNTS_SQL(IDS) };
const VERSIONS = { name: "yiqi-event-versions", text: VERSIONS_SQL(IDS) };

/** The cards' new hashes, in id order (as every writer of the table: two writers never wait in a circle). */
const SHOWN = {
  name: "yiqi-cards-shown",
  text: `UPDATE "EventMessage" m SET "editedAt" = $3::timestamp(3), "shownHash" = t.hash
         FROM unnest($1::integer[], $2::text[]) AS t(id, hash) WHERE m."id" = t.id`,
};

/**
 * Marks unchanged since read, locked first and skipping any a tap holds right now (card-path.ts `clearMarks`);
 * the counter is compared again on the locked row.
 */
const CLEAR = {
  name: "yiqi-cards-clear",
  text: `DELETE FROM "CardMark" m USING unnest($1::integer[], $2::integer[]) AS t(event_id, stale)
         WHERE m."eventId" = t.event_id AND m."stale" = t.stale
           AND m."eventId" IN (SELECT "eventId" FROM "CardMark" WHERE "eventId" = ANY($1::integer[])
                               ORDER BY "eventId" FOR UPDATE SKIP LOCKED)`,
};

/** The card refresher's statements on PostgreSQL (card-path.ts), on the pool Prisma's adapter also uses. */
export class PostgresCardPath implements CardPath {
  constructor(private readonly pool: pg.Pool) {}

  async queue(limit: number): Promise<{ marked: CardMarkRow[]; posted: PostedCard[] }> {
    const { rows } = await this.pool.query<CardMarkRow>({ ...MARKED, values: [limit] });
    if (rows.length === 0) return { marked: [], posted: [] };
    const marked = rows.map((m) => ({ eventId: Number(m.eventId), stale: Number(m.stale) }));
    const posted = await this.pool.query<Record<keyof PostedCard, unknown>>({
      ...POSTED,
      values: [marked.map((m) => m.eventId)],
    });
    return { marked, posted: posted.rows.map(postedCard) };
  }

  async recordShown(shown: ShownCard[], at: Date): Promise<void> {
    if (shown.length === 0) return;
    const sorted = [...new Map(shown.map((s) => [s.id, s])).values()].sort((a, b) => a.id - b.id);
    await this.pool.query({ ...SHOWN, values: [sorted.map((s) => s.id), sorted.map((s) => s.hash), utc(at)] });
  }

  async clearMarks(marks: CardMarkRow[]): Promise<void> {
    if (marks.length === 0) return;
    await this.pool.query({ ...CLEAR, values: [marks.map((m) => m.eventId), marks.map((m) => m.stale)] });
  }

  async roleCounts(eventIds: number[]): Promise<RoleCountRow[]> {
    if (eventIds.length === 0) return [];
    const { rows } = await this.pool.query<Record<keyof RoleCountRow, unknown>>({ ...ROLES, values: [eventIds] });
    return rows.map(roleCountRow);
  }

  async eventVersions(eventIds: number[]): Promise<{ id: number; version: string }[]> {
    if (eventIds.length === 0) return [];
    const { rows } = await this.pool.query<{ id: number; version: string }>({ ...VERSIONS, values: [eventIds] });
    return rows.map((r) => ({ id: Number(r.id), version: r.version }));
  }
}
