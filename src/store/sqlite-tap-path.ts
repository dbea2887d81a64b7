import type BetterSqlite3 from "better-sqlite3";
import { holdUntil } from "../domain/signup-rules.ts";
import {
  type ChatMemberSeen,
  COUNT_COLUMNS,
  type EventCountRow,
  type ExplainRow,
  HOLDING_SQL,
  type Tap,
  type TapFacts,
  type TapPath,
  type TapRow,
  type TapUser,
  tapFacts,
} from "./tap-path.ts";
import { type Outcome, TickBatch } from "./tick-batch.ts";

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

/** Places held in the event (each place-holding member and their guests). */
const HELD_IN_EVENT = `(SELECT COALESCE(SUM(1 + c."guests"), 0) FROM "Signup" c WHERE c."eventId" = e."id" AND c."status" IN (${HOLDING_SQL}))`;
/** Places held in the tapped role. */
const HELD_IN_ROLE = `(SELECT COALESCE(SUM(1 + c."guests"), 0) FROM "Signup" c WHERE c."eventId" = e."id" AND c."roleId" = @roleId AND c."status" IN (${HOLDING_SQL}))`;

/**
 * A place while the event (and the tapped role, if any) has one — held until @heldUntil when the event asks
 * questions (domain/signup-rules.ts `admittedStatus`); otherwise waitlisted (the role's own waitlist). An event
 * with roles takes only taps that name one of its roles; one without, only taps that name none. The CTE is
 * materialised so that the counts run once: flattened into the INSERT, SQLite evaluated them for each use of
 * "status" (the plan had every count twice).
 */
const SIGN_UP = (onCard: boolean) => `
  WITH t AS MATERIALIZED (
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
  )
  INSERT INTO "Signup" ("eventId", "userId", "status", "heldUntil", "seq", "chatId", "roleId", "createdAt", "updatedAt")
  SELECT t."id", @userId, t."status", CASE WHEN t."status" = 'held' THEN @heldUntil END, t."seq",
         @chatId, @roleId, @now, @now
  FROM t
  WHERE true
  ON CONFLICT ("eventId", "userId") DO UPDATE
    SET "status" = excluded."status", "heldUntil" = excluded."heldUntil", "seq" = excluded."seq",
        "chatId" = excluded."chatId", "roleId" = excluded."roleId", "guests" = 0, "updatedAt" = excluded."updatedAt"
    WHERE "Signup"."status" = 'cancelled'
  RETURNING "status", "seq"`;

/** What `explain` reads about a tap that signed nobody up, in one statement. */
const EXPLAIN = `
  SELECT e."status", e."endsAt", e."signupDeadline",
         (SELECT k."eventId" FROM "EventMessage" k WHERE k."chatId" = @cardChatId AND k."messageId" = @cardMessageId)
           AS "cardEventId",
         s."status" AS "signupStatus", s."heldUntil",
         CASE WHEN s."status" = 'waitlisted' THEN
           (SELECT COUNT(*) FROM "Signup" w WHERE w."eventId" = e."id" AND w."roleId" IS s."roleId"
              AND w."status" = 'waitlisted' AND w."seq" <= s."seq") END AS "position",
         (SELECT COUNT(*) FROM "EventRole" r WHERE r."eventId" = e."id") AS "roles",
         EXISTS (SELECT 1 FROM "EventRole" r WHERE r."id" = @roleId AND r."eventId" = e."id") AS "roleFits"
  FROM "Event" e LEFT JOIN "Signup" s ON s."eventId" = e."id" AND s."userId" = @userId
  WHERE e."id" = @eventId`;

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

/** The position statement's parameters and row (the waitlist position, and whether the event asks questions). */
type PositionParams = { eventId: number; roleId: number | null; seq: bigint };
type PositionRow = { n: bigint; asks: bigint };

/**
 * The statements that name this version's tables, prepared at the first tap: a database opened before it is
 * migrated (a migration test) need not have them yet.
 */
function prepareStatements(db: BetterSqlite3.Database) {
  return {
    onCard: db.prepare<[SignUpParams], SignUpRow>(SIGN_UP(true)),
    plain: db.prepare<[SignUpParams], SignUpRow>(SIGN_UP(false)),
    position: db.prepare<[PositionParams], PositionRow>(
      `SELECT (SELECT COUNT(*) FROM "Signup" WHERE "eventId" = @eventId AND "roleId" IS @roleId
                 AND "status" = 'waitlisted' AND "seq" <= @seq) AS n,
              EXISTS (SELECT 1 FROM "EventQuestion" WHERE "eventId" = @eventId) AS asks`,
    ),
    explain: db.prepare<[Record<string, unknown>], ExplainRow>(EXPLAIN),
    upsertUser: db.prepare<[UserParams], { locale: string | null }>(`
      INSERT INTO "User" ("id", "firstName", "lastName", "username", "languageCode", "createdAt", "updatedAt")
      VALUES (@id, @firstName, @lastName, @username, @languageCode, @now, @now)
      ON CONFLICT ("id") DO UPDATE SET "firstName" = excluded."firstName", "lastName" = excluded."lastName",
        "username" = excluded."username", "languageCode" = excluded."languageCode", "updatedAt" = excluded."updatedAt"
      RETURNING "locale"`),
    counts: db.prepare<[{ ids: string }], EventCountRow>(`
      SELECT ${COUNT_COLUMNS} FROM "Signup"
      WHERE "eventId" IN (SELECT value FROM json_each(@ids)) AND "status" IN ('waitlisted', ${HOLDING_SQL})
      GROUP BY "eventId"`),
    member: db.prepare<[{ chatId: bigint; userId: bigint; at: string }]>(`
      INSERT INTO "ChatMember" ("chatId", "userId", "lastSeenAt") VALUES (@chatId, @userId, @at)
      ON CONFLICT ("chatId", "userId") DO UPDATE SET "lastSeenAt" = excluded."lastSeenAt"`),
  };
}

export class SqliteTapPath implements TapPath {
  private prepared: ReturnType<typeof prepareStatements> | null = null;
  /** the taps of one moment (see `inBatch`) */
  private readonly batch = new TickBatch<() => unknown, unknown>((works) => this.runBatch(works));
  private readonly tx: Record<
    "begin" | "savepoint" | "release" | "rollbackTo" | "commit" | "rollback",
    BetterSqlite3.Statement
  >;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.tx = {
      begin: db.prepare("BEGIN IMMEDIATE"),
      savepoint: db.prepare("SAVEPOINT tap"),
      release: db.prepare("RELEASE tap"),
      rollbackTo: db.prepare("ROLLBACK TO tap"),
      commit: db.prepare("COMMIT"),
      rollback: db.prepare("ROLLBACK"),
    };
  }

  private get statements() {
    this.prepared ??= prepareStatements(this.db);
    return this.prepared;
  }

  /**
   * Runs `work` with the other taps of this moment in one transaction (group commit, store/tick-batch.ts): a
   * commit writes each changed page once, so the WAL grows by a fraction per tap. Each tap runs under its own
   * savepoint: one that fails leaves the others alone. A commit that fails (a full disk) fails every tap of the
   * batch, none of which is stored: its member gets the error toast, never a false "you're in". The batch runs
   * once no Prisma transaction is open on the connection, synchronously, so nothing interleaves with it.
   */
  private inBatch<T>(work: () => T): Promise<T> {
    return this.batch.add(work) as Promise<T>;
  }

  private async runBatch(works: (() => unknown)[]): Promise<Outcome<unknown>[]> {
    while (this.db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    const alone = works.length === 1; // its statement commits by itself
    const outcomes: Outcome<unknown>[] = [];
    if (!alone) this.tx.begin.run();
    try {
      for (const work of works) {
        if (!alone) this.tx.savepoint.run();
        try {
          outcomes.push({ ok: true, value: work() });
          if (!alone) this.tx.release.run();
        } catch (error) {
          // SQLite rolls the whole transaction back by itself after some errors (a full disk): then none is stored
          if (alone || !this.db.inTransaction) throw error;
          this.tx.rollbackTo.run();
          this.tx.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      if (!alone) this.tx.commit.run();
    } catch (error) {
      if (!alone && this.db.inTransaction) this.tx.rollback.run();
      throw error;
    }
    return outcomes;
  }

  signUp({ eventId, userId, chatId, now, card, roleId = null }: Tap): Promise<TapRow | null> {
    return this.inBatch(() => {
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
      const [row] = (card ? this.statements.onCard : this.statements.plain).all(params);
      if (!row) return null;
      if (row.status !== "waitlisted") return { status: row.status, seq: Number(row.seq), position: null, asks: false };
      const waiting = this.statements.position.get({ eventId, roleId, seq: row.seq });
      return {
        status: row.status,
        seq: Number(row.seq),
        position: Number(waiting?.n ?? 0),
        asks: Boolean(waiting?.asks),
      };
    });
  }

  explain({ eventId, userId, card, roleId = null }: Tap): Promise<TapFacts | null> {
    return this.inBatch(() => {
      const row = this.statements.explain.get({
        eventId,
        userId,
        roleId,
        cardChatId: card?.chatId ?? null,
        cardMessageId: card?.messageId ?? null,
      });
      return row ? tapFacts(row, card !== undefined) : null;
    });
  }

  counts(eventIds: number[]): Promise<EventCountRow[]> {
    const ids = JSON.stringify(eventIds); // one parameter however many events (a card flush: up to 200)
    return this.inBatch(() =>
      this.statements.counts.all({ ids }).map((r) => ({
        eventId: Number(r.eventId),
        confirmed: Number(r.confirmed),
        waitlisted: Number(r.waitlisted),
      })),
    );
  }

  rememberMembers(members: ChatMemberSeen[], at: Date): Promise<void> {
    const seenAt = sqliteTime(at);
    return this.inBatch(() => {
      for (const { chatId, userId } of members) this.statements.member.run({ chatId, userId, at: seenAt });
    });
  }

  rememberUser(user: TapUser): Promise<{ locale: string | null }> {
    return this.inBatch(() => ({
      locale: this.statements.upsertUser.all({ ...user, now: sqliteTime(user.now) })[0]?.locale ?? null,
    }));
  }
}
