import type pg from "pg";
import { holdUntil } from "../domain/signup-rules.ts";
import type { Tap, TapFacts, TapPath, TapRow, TapUser } from "./tap-path.ts";

/** The sign-up: one call of the database function (below), prepared once per connection. */
const SIGN_UP = {
  name: "yiqi-sign-up",
  text: `SELECT s."status", s."seq", s."position",
                s."status" = 'waitlisted' AND EXISTS (SELECT 1 FROM "EventQuestion" q WHERE q."eventId" = $1) AS "asks"
         FROM yiqi_sign_up($1::integer, $2::bigint, $3::bigint, $4::timestamp(3),
           $5::bigint, $6::integer, $7::integer, $8::timestamp(3)) s`,
};

const REMEMBER_USER = {
  name: "yiqi-remember-user",
  text: `INSERT INTO "User" ("id", "firstName", "lastName", "username", "languageCode", "createdAt", "updatedAt")
         VALUES ($1::bigint, $2, $3, $4, $5, $6::timestamp(3), $6::timestamp(3))
         ON CONFLICT ("id") DO UPDATE SET "firstName" = excluded."firstName", "lastName" = excluded."lastName",
           "username" = excluded."username", "languageCode" = excluded."languageCode", "updatedAt" = excluded."updatedAt"
         RETURNING "locale"`,
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

interface ExplainRow {
  status: TapFacts["event"]["status"];
  endsAt: number;
  signupDeadline: number | null;
  cardEventId: number | null;
  signupStatus: NonNullable<TapFacts["signup"]>["status"] | null;
  heldUntil: number | null;
  position: number | null;
  roles: number;
  roleFits: boolean;
}

/**
 * Prisma stores DateTime as `timestamp(3)` in UTC: a Date goes as its UTC ISO text (pg's own conversion would
 * write the process's local time, and the cast to `timestamp` would drop the offset).
 */
const utc = (date: Date) => date.toISOString();

/**
 * The sign-up tap on PostgreSQL: one round trip to the `yiqi_sign_up`
 * function (migrations 20261128060000_sign_up_function, 20261201160850_roles_and_guests, 20261201194641_questions_and_offers), which takes the
 * event's row lock, checks the card and the event's state, inserts and
 * returns the waitlist position. The statements go straight to the pool that Prisma's adapter also uses: even a
 * raw Prisma query costs about a millisecond of CPU in its query compiler, a prepared pg statement a tenth of it
 * (issue 12).
 */
export class PostgresTapPath implements TapPath {
  constructor(private readonly pool: pg.Pool) {}

  async signUp({ eventId, userId, chatId, now, card, roleId = null }: Tap): Promise<TapRow | null> {
    const { rows } = await this.pool.query<{
      status: TapRow["status"];
      seq: number;
      position: string | null;
      asks: boolean;
    }>({
      ...SIGN_UP,
      values: [
        eventId,
        userId,
        chatId,
        utc(now),
        card?.chatId ?? null,
        card?.messageId ?? null,
        roleId,
        utc(holdUntil(now)),
      ],
    });
    const row = rows[0];
    return row
      ? {
          status: row.status,
          seq: Number(row.seq),
          position: row.position === null ? null : Number(row.position),
          asks: row.asks,
        }
      : null;
  }

  async explain({ eventId, userId, card, roleId = null }: Tap): Promise<TapFacts | null> {
    const { rows } = await this.pool.query<ExplainRow>({
      ...EXPLAIN,
      values: [eventId, userId, card?.chatId ?? null, card?.messageId ?? null, roleId],
    });
    const row = rows[0];
    if (!row) return null;
    return {
      event: {
        status: row.status,
        endsAt: new Date(row.endsAt),
        signupDeadline: row.signupDeadline === null ? null : new Date(row.signupDeadline),
      },
      ...(card ? { cardEventId: row.cardEventId } : {}),
      signup: row.signupStatus
        ? {
            status: row.signupStatus,
            heldUntil: row.heldUntil === null ? null : new Date(row.heldUntil),
            position: row.position,
          }
        : null,
      roles: row.roles,
      roleFits: row.roleFits,
    };
  }

  async rememberUser(user: TapUser): Promise<{ locale: string | null }> {
    const { rows } = await this.pool.query<{ locale: string | null }>({
      ...REMEMBER_USER,
      values: [user.id, user.firstName, user.lastName, user.username, user.languageCode, utc(user.now)],
    });
    return { locale: rows[0]?.locale ?? null };
  }
}
