/**
 * What the card refresher (delivery/card-refresher.ts) reads and writes on every flush and round, straight on
 * the driver as the tap path does (tap-path.ts): every tap sets off a card refresh, and through Prisma one flush
 * of 200 cards cost about 40 ms of the thread that answers taps (issue 12: `event.findMany` with its organisation
 * and organisers 21 ms, `eventMessage.findMany` 5 ms, each round's `eventRole.findMany` 2.4 ms), which is where
 * the taps' p99 went; a prepared statement costs a few hundredths of that. Prepared statements on SQLite
 * (sqlite-card-path.ts), named pg statements on PostgreSQL (postgres-card-path.ts); the SQL below is the same
 * on both.
 */
import type { TelegramId } from "../telegram-id.ts";
import { HOLDING_SQL } from "./tap-path.ts";

/** An event whose cards need a refresh (`CardMark`), with the mark's counter as read. */
export interface CardMarkRow {
  eventId: number;
  stale: number;
}

/** One posted card of an event, as the refresher needs it. */
export interface PostedCard {
  id: number;
  eventId: number;
  chatId: TelegramId;
  messageId: number;
  shownHash: string | null;
}

/** One role of an event with its places held (members and their guests) and its waitlist. */
export interface RoleCountRow {
  eventId: number;
  id: number;
  name: string;
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
}

/** A card now known to show `hash` (card-refresher.ts `viewHash`). */
export interface ShownCard {
  id: number;
  hash: string;
}

export interface CardPath {
  /** Up to `limit` marked events (by id), and all their posted cards, stalest first (never edited first). */
  queue(limit: number): Promise<{ marked: CardMarkRow[]; posted: PostedCard[] }>;
  /** Records what these cards show, edited at `at`. */
  recordShown(shown: ShownCard[], at: Date): Promise<void>;
  /**
   * Clears the marks of these events, each unless it changed since it was read (its counter differs); a mark a
   * tap is changing right now is skipped, not waited for (it stays for the next flush): the refresher never
   * holds a mark while it waits for another, so it cannot close a circle with a batch of taps.
   */
  clearMarks(marks: CardMarkRow[]): Promise<void>;
  /** The roles of these events, by event and position, each with its counts; events without roles have none. */
  roleCounts(eventIds: number[]): Promise<RoleCountRow[]>;
  /**
   * A version of each event's card details (the event, its organisation, its co-organisers): it changes
   * whenever they do, so details read earlier are reused while it stays the same. Events gone are left out.
   */
  eventVersions(eventIds: number[]): Promise<{ id: number; version: string }[]>;
}

/**
 * The statements, the same on both databases but for how a parameter is written: `limit` and `ids` are the
 * dialect's placeholders (`ids` a list of event ids: `json_each` on SQLite, `ANY` of an array on PostgreSQL).
 */

/** Marked events, by id. */
export const MARKED_SQL = (limit: string) =>
  `SELECT "eventId", "stale" FROM "CardMark" ORDER BY "eventId" LIMIT ${limit}`;

/** The posted cards of the events, stalest first. */
export const POSTED_SQL = (ids: string) => `
  SELECT "id", "eventId", "chatId", "messageId", "shownHash" FROM "EventMessage"
  WHERE "eventId" ${ids} ORDER BY "editedAt" ASC NULLS FIRST, "id" ASC`;

/** Each role of the events with its counts (columns as `RoleCountRow`). */
export const ROLE_COUNTS_SQL = (ids: string) => `
  SELECT r."eventId", r."id", r."name", r."capacity",
    COALESCE(SUM(CASE WHEN s."status" = 'waitlisted' THEN 0 ELSE 1 + s."guests" END), 0) AS "confirmed",
    COUNT(CASE WHEN s."status" = 'waitlisted' THEN 1 END) AS "waitlisted"
  FROM "EventRole" r
  LEFT JOIN "Signup" s ON s."eventId" = r."eventId" AND s."roleId" = r."id" AND s."status" IN ('waitlisted', ${HOLDING_SQL})
  WHERE r."eventId" ${ids}
  GROUP BY r."id", r."eventId", r."name", r."capacity", r."position"
  ORDER BY r."eventId", r."position"`;

/**
 * Each event's version: when the event and its organisation were last updated (every change through the app
 * sets `updatedAt`), and its co-organisers' rows (replaced with the event, never edited in place: new ids).
 */
export const VERSIONS_SQL = (ids: string) => `
  SELECT e."id", concat_ws('|', e."updatedAt", o."updatedAt",
           (SELECT COUNT(*) FROM "EventOrganiser" x WHERE x."eventId" = e."id"),
           (SELECT MAX(x."id") FROM "EventOrganiser" x WHERE x."eventId" = e."id")) AS "version"
  FROM "Event" e JOIN "Organisation" o ON o."id" = e."organisationId"
  WHERE e."id" ${ids}`;

/** What both drivers answer for a role's row. */
export function roleCountRow(row: Record<keyof RoleCountRow, unknown>): RoleCountRow {
  return {
    eventId: Number(row.eventId),
    id: Number(row.id),
    name: String(row.name),
    capacity: row.capacity === null ? null : Number(row.capacity),
    confirmed: Number(row.confirmed),
    waitlisted: Number(row.waitlisted),
  };
}

/** What both drivers answer for a posted card's row (the chat id as bigint, number or text). */
export function postedCard(row: Record<keyof PostedCard, unknown>): PostedCard {
  return {
    id: Number(row.id),
    eventId: Number(row.eventId),
    chatId: BigInt(row.chatId as bigint | number | string),
    messageId: Number(row.messageId),
    shownHash: row.shownHash === null ? null : String(row.shownHash),
  };
}
