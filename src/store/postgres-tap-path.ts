import type pg from "pg";
import { holdUntil } from "../domain/signup-rules.ts";
import type { TelegramId } from "../telegram-id.ts";
import { KeyedBatch } from "./keyed-batch.ts";
import {
  type ChatMemberSeen,
  COUNT_COLUMNS,
  type EventCountRow,
  type ExplainRow,
  HOLDING_SQL,
  REMINDABLE_SQL,
  type RemindableUser,
  type Tap,
  type TapFacts,
  type TapPath,
  type TapRow,
  type TapUser,
  tapFacts,
} from "./tap-path.ts";
import type { Outcome } from "./tick-batch.ts";

/**
 * The sign-ups of one moment (store/keyed-batch.ts) in one statement, so one round trip and one commit: each is a
 * call of the database function, in the order given (taps on one event in the order they came), the rows answered
 * by `i` (a refused tap has none).
 */
const SIGN_UP_BATCH = {
  name: "yiqi-sign-up-batch",
  text: `SELECT t.i, s."status", s."seq", s."position",
                s."status" = 'waitlisted' AND EXISTS (SELECT 1 FROM "EventQuestion" q WHERE q."eventId" = t.event_id) AS "asks"
         FROM unnest($1::integer[], $2::bigint[], $3::bigint[], $4::timestamp(3)[], $5::bigint[], $6::integer[],
                     $7::integer[], $8::timestamp(3)[], $9::integer[])
                AS t(event_id, user_id, chat_id, now, card_chat, card_message, role_id, held_until, i)
         LEFT JOIN LATERAL yiqi_sign_up(t.event_id, t.user_id, t.chat_id, t.now, t.card_chat, t.card_message,
                                        t.role_id, t.held_until) s ON true`,
};

/** The profiles of one moment in one statement (each person once, in id order: concurrent batches lock alike). */
const REMEMBER_USERS = {
  name: "yiqi-remember-users",
  text: `INSERT INTO "User" ("id", "firstName", "lastName", "username", "languageCode", "createdAt", "updatedAt")
         SELECT u.id, u.first_name, u.last_name, u.username, u.language_code, $6::timestamp(3), $6::timestamp(3)
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])
                AS u(id, first_name, last_name, username, language_code)
         ON CONFLICT ("id") DO UPDATE SET "firstName" = excluded."firstName", "lastName" = excluded."lastName",
           "username" = excluded."username", "languageCode" = excluded."languageCode", "updatedAt" = excluded."updatedAt"
         RETURNING "id", "locale"`,
};

/** Places held and people waiting, per event, in one statement. */
const COUNTS = {
  name: "yiqi-event-counts",
  text: `SELECT ${COUNT_COLUMNS} FROM "Signup"
         WHERE "eventId" = ANY($1::integer[]) AND "status" IN ('waitlisted', ${HOLDING_SQL})
         GROUP BY "eventId"`,
};

const REMINDABLE = { name: "yiqi-remindable", text: REMINDABLE_SQL(`= ANY($1::bigint[])`) };

/** People seen in groups, in one statement (pairs unique and in key order: see `rememberMembers`). */
const REMEMBER_MEMBERS = {
  name: "yiqi-remember-members",
  text: `INSERT INTO "ChatMember" ("chatId", "userId", "lastSeenAt")
         SELECT m.chat_id, m.user_id, $3::timestamp(3) FROM unnest($1::bigint[], $2::bigint[]) AS m(chat_id, user_id)
         ON CONFLICT ("chatId", "userId") DO UPDATE SET "lastSeenAt" = excluded."lastSeenAt"`,
};

/** What `explain` reads about a tap that signed nobody up, in one statement (times as epoch milliseconds). */
const EXPLAIN = {
  name: "yiqi-explain-tap",
  text: `SELECT e."status", (EXTRACT(EPOCH FROM e."endsAt") * 1000)::float8 AS "endsAt",
           (EXTRACT(EPOCH FROM e."signupDeadline") * 1000)::float8 AS "signupDeadline",
           (SELECT k."eventId" FROM "EventMessage" k WHERE k."chatId" = $3::bigint AND k."messageId" = $4::integer)
             AS "cardEventId",
           s."status" AS "signupStatus", (EXTRACT(EPOCH FROM s."heldUntil") * 1000)::float8 AS "heldUntil",
           CASE WHEN s."status" = 'waitlisted' THEN
             (SELECT COUNT(*) FROM "Signup" w WHERE w."eventId" = e."id" AND w."roleId" IS NOT DISTINCT FROM s."roleId"
                AND w."status" = 'waitlisted' AND w."seq" <= s."seq")::integer END AS "position",
           (SELECT COUNT(*) FROM "EventRole" r WHERE r."eventId" = e."id")::integer AS "roles",
           EXISTS (SELECT 1 FROM "EventRole" r WHERE r."id" = $5::integer AND r."eventId" = e."id") AS "roleFits"
         FROM "Event" e LEFT JOIN "Signup" s ON s."eventId" = e."id" AND s."userId" = $2::bigint
         WHERE e."id" = $1::integer`,
};

/**
 * Batches of each kind running at once (of the pool's 10 connections), at most 200 calls each. One at a time,
 * every tap waited for the batch before it to come back, however unrelated (issue 12: p99 is queueing).
 * http-taps, PostgreSQL, five runs each way back to back at load 6-9: one at a time 242-516 taps/s, p99
 * 249-623 ms, 0.77-1.18 ms CPU/tap; three 379-545 taps/s, p99 221-447 ms, 0.80-0.89 ms/tap.
 */
const BATCHES = { maxInFlight: 3, maxBatch: 200 };

/**
 * Prisma stores DateTime as `timestamp(3)` in UTC: a Date goes as its UTC ISO text (pg's own conversion would
 * write the process's local time, and the cast to `timestamp` would drop the offset).
 */
export const utc = (date: Date) => date.toISOString();

/**
 * The sign-up tap on PostgreSQL: one round trip to the `yiqi_sign_up`
 * function (migrations 20261128060000_sign_up_function, 20261201160850_roles_and_guests, 20261201194641_questions_and_offers), which takes the
 * event's row lock, checks the card and the event's state, inserts and
 * returns the waitlist position. The statements go straight to the pool that Prisma's adapter also uses: even a
 * raw Prisma query costs about a millisecond of CPU in its query compiler, a prepared pg statement a tenth of it
 * (issue 12).
 */
export class PostgresTapPath implements TapPath {
  /** sign-ups keyed by event: a tap waits only for a running batch on its own event (store/keyed-batch.ts) */
  private readonly signUps = new KeyedBatch<Tap, number, TapRow | null>(
    (tap) => tap.eventId,
    (taps) => this.signUpAll(taps),
    BATCHES,
  );
  /** profiles keyed by person: the latest profile is written last */
  private readonly users = new KeyedBatch<TapUser, TapUser["id"], { locale: string | null }>(
    (user) => user.id,
    (users) => this.rememberAll(users),
    BATCHES,
  );

  constructor(private readonly pool: pg.Pool) {}

  signUp(tap: Tap): Promise<TapRow | null> {
    return this.signUps.add(tap);
  }

  /**
   * One statement for the batch. Events are locked in id order (taps on one event keep the order they came in),
   * as another batch locks them: two batches never wait for each other in a circle. The batches this process
   * runs at the same time hold disjoint events (keyed-batch.ts), so they never wait for each other at all; a tap
   * on an event a running batch holds starts after that batch has committed (or failed), so it cannot take the
   * event's lock before an earlier tap: the waitlist keeps the order of the taps. Besides the event's own rows
   * (its Signup rows, its CardMark by trigger), a sign-up only reads the User row through the foreign key
   * (KEY SHARE), which neither another sign-up nor a profile write (NO KEY UPDATE) waits for.
   */
  private async signUpAll(taps: Tap[]): Promise<Outcome<TapRow | null>[]> {
    const order = taps.map((_, i) => i).sort((a, b) => (taps[a]?.eventId ?? 0) - (taps[b]?.eventId ?? 0) || a - b);
    const column = <T>(pick: (tap: Tap) => T) => order.map((i) => pick(taps[i] as Tap));
    const { rows } = await this.pool.query<{
      i: number;
      status: TapRow["status"] | null;
      seq: number | null;
      position: string | null;
      asks: boolean | null;
    }>({
      ...SIGN_UP_BATCH,
      values: [
        column((t) => t.eventId),
        column((t) => t.userId),
        column((t) => t.chatId),
        column((t) => utc(t.now)),
        column((t) => t.card?.chatId ?? null),
        column((t) => t.card?.messageId ?? null),
        column((t) => t.roleId ?? null),
        column((t) => utc(holdUntil(t.now))),
        order,
      ],
    });
    const outcomes: Outcome<TapRow | null>[] = taps.map(() => ({ ok: true, value: null }));
    for (const row of rows) {
      if (row.status === null || row.seq === null) continue; // refused: nobody signed up
      outcomes[row.i] = {
        ok: true,
        value: {
          status: row.status,
          seq: Number(row.seq),
          position: row.position === null ? null : Number(row.position),
          asks: row.asks === true,
        },
      };
    }
    return outcomes;
  }

  async counts(eventIds: number[]): Promise<EventCountRow[]> {
    const { rows } = await this.pool.query<{ eventId: number; confirmed: string; waitlisted: string }>({
      ...COUNTS,
      values: [eventIds],
    });
    return rows.map((r) => ({ eventId: r.eventId, confirmed: Number(r.confirmed), waitlisted: Number(r.waitlisted) }));
  }

  async rememberMembers(members: ChatMemberSeen[], at: Date): Promise<void> {
    // each pair once (one statement cannot update a row twice), in key order as every writer of the table:
    // two instances writing overlapping batches never wait for each other in a circle
    const unique = new Map(members.map((m) => [`${m.chatId}:${m.userId}`, m]));
    const sorted = [...unique.values()].sort((a, b) =>
      a.chatId !== b.chatId ? (a.chatId < b.chatId ? -1 : 1) : a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0,
    );
    if (sorted.length === 0) return;
    await this.pool.query({
      ...REMEMBER_MEMBERS,
      values: [sorted.map((m) => m.chatId), sorted.map((m) => m.userId), utc(at)],
    });
  }

  async remindable(userIds: TelegramId[]): Promise<RemindableUser[]> {
    if (userIds.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string; reminderOffsets: string | null }>({
      ...REMINDABLE,
      values: [userIds],
    });
    return rows.map((u) => ({ id: BigInt(u.id), remindersOn: true, reminderOffsets: u.reminderOffsets }));
  }

  rememberUser(user: TapUser): Promise<{ locale: string | null }> {
    return this.users.add(user);
  }

  private async rememberAll(users: TapUser[]): Promise<Outcome<{ locale: string | null }>[]> {
    // one row per person (the latest profile), in id order
    const latest = new Map(users.map((u) => [u.id, u]));
    const once = [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const { rows } = await this.pool.query<{ id: string; locale: string | null }>({
      ...REMEMBER_USERS,
      values: [
        once.map((u) => u.id),
        once.map((u) => u.firstName),
        once.map((u) => u.lastName),
        once.map((u) => u.username),
        once.map((u) => u.languageCode),
        utc(users[0]?.now ?? new Date()),
      ],
    });
    const locales = new Map(rows.map((r) => [BigInt(r.id), r.locale]));
    return users.map((u) => ({ ok: true, value: { locale: locales.get(BigInt(u.id)) ?? null } }));
  }

  async explain({ eventId, userId, card, roleId = null }: Tap): Promise<TapFacts | null> {
    const { rows } = await this.pool.query<ExplainRow>({
      ...EXPLAIN,
      values: [eventId, userId, card?.chatId ?? null, card?.messageId ?? null, roleId],
    });
    const row = rows[0];
    return row ? tapFacts(row, card !== undefined) : null;
  }
}
