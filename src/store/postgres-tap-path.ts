import type pg from "pg";
import { holdUntil } from "../domain/signup-rules.ts";
import type { Tap, TapPath, TapRow, TapUser } from "./tap-path.ts";

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

  async rememberUser(user: TapUser): Promise<{ locale: string | null }> {
    const { rows } = await this.pool.query<{ locale: string | null }>({
      ...REMEMBER_USER,
      values: [user.id, user.firstName, user.lastName, user.username, user.languageCode, utc(user.now)],
    });
    return { locale: rows[0]?.locale ?? null };
  }
}
