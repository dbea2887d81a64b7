import { holdUntil } from "../domain/signup-rules.ts";
import type { Db } from "./database.ts";
import type { Tap, TapPath, TapRow, TapUser } from "./tap-path.ts";

/**
 * The sign-up tap on PostgreSQL: one round trip to the `yiqi_sign_up`
 * function (migrations 20261128060000_sign_up_function, 20261201160850_roles_and_guests, 20261201194641_questions_and_offers), which takes the
 * event's row lock, checks the card and the event's state, inserts and
 * returns the waitlist position. A Prisma interactive transaction for the
 * same work costs four round trips and Prisma's transaction bookkeeping.
 */
export class PostgresTapPath implements TapPath {
  constructor(private readonly db: Db) {}

  async signUp({ eventId, userId, chatId, now, card, roleId = null }: Tap): Promise<TapRow | null> {
    const rows = await this.db.$queryRaw<{ status: TapRow["status"]; seq: number; position: bigint | null }[]>`
      SELECT * FROM yiqi_sign_up(${eventId}::integer, ${userId}::bigint,
        ${chatId}::bigint, ${now}::timestamp(3),
        ${card?.chatId ?? null}::bigint, ${card?.messageId ?? null}::integer, ${roleId}::integer,
        ${holdUntil(now)}::timestamp(3))`;
    const row = rows[0];
    return row
      ? { status: row.status, seq: Number(row.seq), position: row.position === null ? null : Number(row.position) }
      : null;
  }

  async rememberUser(user: TapUser): Promise<{ locale: string | null }> {
    const rows = await this.db.$queryRaw<{ locale: string | null }[]>`
      INSERT INTO "User" ("id", "firstName", "lastName", "username", "languageCode", "createdAt", "updatedAt")
      VALUES (${user.id}, ${user.firstName}, ${user.lastName}, ${user.username}, ${user.languageCode},
              ${user.now}, ${user.now})
      ON CONFLICT ("id") DO UPDATE SET "firstName" = excluded."firstName", "lastName" = excluded."lastName",
        "username" = excluded."username", "languageCode" = excluded."languageCode", "updatedAt" = excluded."updatedAt"
      RETURNING "locale"`;
    return { locale: rows[0]?.locale ?? null };
  }
}
