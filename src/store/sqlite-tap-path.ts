import type BetterSqlite3 from "better-sqlite3";
import { holdUntil, PLACE_HOLDING } from "../domain/signup-rules.ts";
import type { Tap, TapPath, TapRow, TapUser } from "./tap-path.ts";

/**
 * The sign-up tap on SQLite, as prepared statements on Prisma's own
 * better-sqlite3 connection. A Prisma call costs about a millisecond here and
 * a prepared statement a few microseconds, and the tap is the hottest path
 * there is (DESIGN.md, Storage). The statements run synchronously, so nothing
 * can interleave with them; while Prisma has an interactive transaction open
 * on the connection, they wait for it to finish instead of running inside it.
 */

/** How Prisma's SQLite adapter stores DateTime values (ISO 8601 with an explicit offset). */
export function sqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** The place-holding statuses as an SQL list (domain/signup-rules.ts `PLACE_HOLDING`). */
const HOLDING = PLACE_HOLDING.map((status) => `'${status}'`).join(", ");
/** Places held in the event (each place-holding member and their guests). */
const HELD_IN_EVENT = `(SELECT COALESCE(SUM(1 + c."guests"), 0) FROM "Signup" c WHERE c."eventId" = e."id" AND c."status" IN (${HOLDING}))`;
/** Places held in the tapped role. */
const HELD_IN_ROLE = `(SELECT COALESCE(SUM(1 + c."guests"), 0) FROM "Signup" c WHERE c."eventId" = e."id" AND c."roleId" = @roleId AND c."status" IN (${HOLDING}))`;

/**
 * A place while the event (and the tapped role, if any) has one — held until @heldUntil when the event asks
 * questions (domain/signup-rules.ts `admittedStatus`); otherwise waitlisted (the role's own waitlist). An event
 * with roles takes only taps that name one of its roles; one without, only taps that name none.
 */
const SIGN_UP = (onCard: boolean) => `
  INSERT INTO "Signup" ("eventId", "userId", "status", "heldUntil", "seq", "chatId", "roleId", "createdAt", "updatedAt")
  SELECT t."id", @userId, t."status", CASE WHEN t."status" = 'held' THEN @heldUntil END, t."seq",
         @chatId, @roleId, @now, @now
  FROM (
    SELECT e."id",
           CASE WHEN (e."capacity" IS NULL OR ${HELD_IN_EVENT} < e."capacity")
                 AND (r."capacity" IS NULL OR ${HELD_IN_ROLE} < r."capacity")
                THEN CASE WHEN EXISTS (SELECT 1 FROM "EventQuestion" q WHERE q."eventId" = e."id")
                          THEN 'held' ELSE 'confirmed' END
                ELSE 'waitlisted' END AS "status",
           COALESCE((SELECT MAX(m."seq") FROM "Signup" m WHERE m."eventId" = e."id"), 0) + 1 AS "seq"
    FROM "Event" e
    LEFT JOIN "EventRole" r ON r."id" = @roleId AND r."eventId" = e."id"
    ${onCard ? `JOIN "EventMessage" k ON k."eventId" = e."id" AND k."chatId" = @cardChatId AND k."messageId" = @cardMessageId` : ""}
    WHERE e."id" = @eventId AND e."status" = 'published' AND e."endsAt" > @now
      AND (e."signupDeadline" IS NULL OR e."signupDeadline" > @now)
      AND (CASE WHEN @roleId IS NULL THEN NOT EXISTS (SELECT 1 FROM "EventRole" x WHERE x."eventId" = e."id")
                ELSE r."id" IS NOT NULL END)
  ) t
  WHERE true
  ON CONFLICT ("eventId", "userId") DO UPDATE
    SET "status" = excluded."status", "heldUntil" = excluded."heldUntil", "seq" = excluded."seq",
        "chatId" = excluded."chatId", "roleId" = excluded."roleId", "guests" = 0, "updatedAt" = excluded."updatedAt"
    WHERE "Signup"."status" = 'cancelled'
  RETURNING "status", "seq"`;

/** The statements' named parameters (better-sqlite3 binds bigint ids as 64-bit integers). */
interface SignUpParams {
  eventId: number;
  userId: bigint;
  chatId: bigint | null;
  roleId: number | null;
  now: string;
  heldUntil: string;
  cardChatId?: bigint;
  cardMessageId?: number;
}

type UserParams = Omit<TapUser, "now"> & { now: string };

/** What the sign-up statement returns (the connection reads integers as bigint). */
interface SignUpRow {
  status: TapRow["status"];
  seq: bigint;
}

export class SqliteTapPath implements TapPath {
  private statements: Record<"onCard" | "plain", BetterSqlite3.Statement<[SignUpParams], SignUpRow>> | null = null;
  private readonly position: BetterSqlite3.Statement<[number, number | null, bigint], { n: bigint }>;
  private readonly upsertUser: BetterSqlite3.Statement<[UserParams], { locale: string | null }>;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.position = db.prepare<[number, number | null, bigint], { n: bigint }>(
      `SELECT COUNT(*) AS n FROM "Signup" WHERE "eventId" = ? AND "roleId" IS ? AND "status" = 'waitlisted' AND "seq" <= ?`,
    );
    this.upsertUser = db.prepare<[UserParams], { locale: string | null }>(`
      INSERT INTO "User" ("id", "firstName", "lastName", "username", "languageCode", "createdAt", "updatedAt")
      VALUES (@id, @firstName, @lastName, @username, @languageCode, @now, @now)
      ON CONFLICT ("id") DO UPDATE SET "firstName" = excluded."firstName", "lastName" = excluded."lastName",
        "username" = excluded."username", "languageCode" = excluded."languageCode", "updatedAt" = excluded."updatedAt"
      RETURNING "locale"`);
  }

  /**
   * The sign-up statements, prepared at the first tap: they name this version's tables, and a database opened
   * before it is migrated (a migration test) need not have them yet.
   */
  private signUpStatements() {
    this.statements ??= {
      onCard: this.db.prepare<[SignUpParams], SignUpRow>(SIGN_UP(true)),
      plain: this.db.prepare<[SignUpParams], SignUpRow>(SIGN_UP(false)),
    };
    return this.statements;
  }

  /** Runs `work` synchronously once no Prisma transaction is open on the connection. */
  private async whenFree<T>(work: () => T): Promise<T> {
    while (this.db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    return work();
  }

  signUp({ eventId, userId, chatId, now, card, roleId = null }: Tap): Promise<TapRow | null> {
    return this.whenFree(() => {
      const params = {
        eventId,
        userId,
        chatId,
        roleId,
        now: sqliteTime(now),
        heldUntil: sqliteTime(holdUntil(now)),
        ...(card ? { cardChatId: card.chatId, cardMessageId: card.messageId } : {}),
      };
      // `.all()`, not `.get()`: `.get()` stops at the first row and resets the statement, and SQLite commits
      // (and reports a commit that failed, e.g. a full disk) only when the statement runs to its end. better-sqlite3
      // ignores the reset's error, so `.get()` returned a row that was never stored. `.all()` runs to the end and
      // throws when the commit fails: the member then gets the error toast, never a false "you're in".
      const [row] = (card ? this.signUpStatements().onCard : this.signUpStatements().plain).all(params);
      if (!row) return null;
      const position = row.status === "waitlisted" ? Number(this.position.get(eventId, roleId, row.seq)?.n ?? 0) : null;
      return { status: row.status, seq: Number(row.seq), position };
    });
  }

  rememberUser(user: TapUser): Promise<{ locale: string | null }> {
    return this.whenFree(() => ({
      locale: this.upsertUser.all({ ...user, now: sqliteTime(user.now) })[0]?.locale ?? null,
    }));
  }
}
