import type BetterSqlite3 from "better-sqlite3";
import { holdUntil } from "../domain/signup-rules.ts";
import type { TelegramId } from "../telegram-id.ts";
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
 * What a tap would get, decided before anything is written: a place while the event (and the tapped role, if any)
 * has one — held (until `holdUntil`) when the event asks questions (domain/signup-rules.ts `admittedStatus`);
 * otherwise waitlisted (the role's own waitlist) — the next seq, and the member's sign-up of the event if they
 * have one. An event with roles takes only taps that name one of its roles; one without, only taps that name
 * none. No row: the tap signs nobody up. The batch holds the write lock from here to the write, so nothing can
 * change the counts in between.
 */
const DECIDE = (onCard: boolean) => `
  SELECT CASE WHEN (e."capacity" IS NULL OR ${HELD_IN_EVENT} < e."capacity")
               AND (r."capacity" IS NULL OR ${HELD_IN_ROLE} < r."capacity")
              THEN CASE WHEN EXISTS (SELECT 1 FROM "EventQuestion" q WHERE q."eventId" = e."id")
                        THEN 'held' ELSE 'confirmed' END
              ELSE 'waitlisted' END AS "status",
         COALESCE((SELECT MAX(m."seq") FROM "Signup" m WHERE m."eventId" = e."id"), 0) + 1 AS "seq",
         s."id" AS "signupId", s."status" AS "current"
  FROM "Event" e
  LEFT JOIN "EventRole" r ON r."id" = @roleId AND r."eventId" = e."id"
  ${onCard ? `JOIN "EventMessage" k ON k."eventId" = e."id" AND k."chatId" = @cardChatId AND k."messageId" = @cardMessageId` : ""}
  LEFT JOIN "Signup" s ON s."eventId" = e."id" AND s."userId" = @userId
  WHERE e."id" = @eventId AND e."status" = 'published' AND e."endsAt" > @now
    AND (e."signupDeadline" IS NULL OR e."signupDeadline" > @now)
    AND (CASE WHEN @roleId IS NULL THEN NOT EXISTS (SELECT 1 FROM "EventRole" x WHERE x."eventId" = e."id")
              ELSE r."id" IS NOT NULL END)`;

/**
 * The write, one row with its values given: a statement that writes one row from given values and fires no
 * trigger needs no statement journal, where an INSERT … SELECT (or one with a trigger) copies every page it
 * touches aside first — 15 pages per tap, spilled to a temporary file (issue 12).
 */
const INSERT_SIGNUP = `
  INSERT INTO "Signup" ("eventId", "userId", "status", "heldUntil", "seq", "chatId", "roleId", "createdAt", "updatedAt")
  VALUES (@eventId, @userId, @status, @heldUntil, @seq, @chatId, @roleId, @now, @now)`;

/** A cancelled sign-up taken up again: a new place in the queue (its update marks the cards by trigger). */
const RENEW_SIGNUP = `
  UPDATE "Signup" SET "status" = @status, "heldUntil" = @heldUntil, "seq" = @seq, "chatId" = @chatId,
    "roleId" = @roleId, "guests" = 0, "updatedAt" = @now
  WHERE "id" = @signupId AND "status" = 'cancelled'`;

/** The new sign-up's event needs its cards redrawn (store/card-marks.ts `markCards`, as a prepared statement). */
const MARK_CARDS = `
  INSERT INTO "CardMark" ("eventId", "stale") VALUES (@eventId, 1)
  ON CONFLICT ("eventId") DO UPDATE SET "stale" = "stale" + 1`;

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
  cardChatId?: bigint;
  cardMessageId?: number;
}

type UserParams = Omit<TapUser, "now"> & { now: string };

/** What the decision reads (the connection reads integers as bigint). */
interface DecisionRow {
  status: TapRow["status"];
  seq: bigint;
  signupId: bigint | null;
  current: string | null;
}

type WriteParams = Omit<SignUpParams, "cardChatId" | "cardMessageId"> & {
  heldUntil: string | null;
  status: TapRow["status"];
  seq: bigint;
};

/** The position statement's parameters and row (the waitlist position, and whether the event asks questions). */
type PositionParams = { eventId: number; roleId: number | null; seq: bigint };
type PositionRow = { n: bigint; asks: bigint };

/**
 * The statements that name this version's tables, prepared at the first tap: a database opened before it is
 * migrated (a migration test) need not have them yet.
 */
function prepareStatements(db: BetterSqlite3.Database) {
  return {
    decideOnCard: db.prepare<[SignUpParams], DecisionRow>(DECIDE(true)),
    decide: db.prepare<[SignUpParams], DecisionRow>(DECIDE(false)),
    insert: db.prepare<[WriteParams]>(INSERT_SIGNUP),
    renew: db.prepare<[WriteParams & { signupId: bigint }]>(RENEW_SIGNUP),
    markCards: db.prepare<[{ eventId: number }]>(MARK_CARDS),
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
    // user ids are BIGINT: read as bigint
    remindable: db
      .prepare<[{ ids: string }], { id: bigint; reminderOffsets: string | null }>(
        REMINDABLE_SQL(`IN (SELECT value FROM json_each(@ids))`),
      )
      .safeIntegers(true),
    member: db.prepare<[{ chatId: bigint; userId: bigint; at: string }]>(`
      INSERT INTO "ChatMember" ("chatId", "userId", "lastSeenAt") VALUES (@chatId, @userId, @at)
      ON CONFLICT ("chatId", "userId") DO UPDATE SET "lastSeenAt" = excluded."lastSeenAt"`),
  };
}

export class SqliteTapPath implements TapPath {
  private prepared: ReturnType<typeof prepareStatements> | null = null;
  /** the taps of one moment (see `inBatch`) */
  private readonly batch = new TickBatch<() => unknown, unknown>((works) => this.runBatch(works));
  private readonly tx: Record<"begin" | "commit" | "rollback", BetterSqlite3.Statement>;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.tx = {
      begin: db.prepare("BEGIN IMMEDIATE"),
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
   * commit writes each changed page once, so the WAL grows by a fraction per tap. The batch runs once no Prisma
   * transaction is open on the connection, synchronously, so nothing interleaves with it. A work that fails
   * rolls the batch back, and then each work runs again in a transaction of its own: the one that fails fails
   * alone, the others are stored (a savepoint per work would cost more than the rare retry: every page a
   * statement touches under a savepoint is copied aside first). A commit that fails (a full disk) fails every
   * work of its transaction, none of which is stored: its member gets the error toast, never a false "you're in".
   * The card refresher's statements run here too (sqlite-card-path.ts), for the same reasons.
   */
  inBatch<T>(work: () => T): Promise<T> {
    return this.batch.add(work) as Promise<T>;
  }

  private async runBatch(works: (() => unknown)[]): Promise<Outcome<unknown>[]> {
    while (this.db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    try {
      return this.transaction(() => works.map((work): Outcome<unknown> => ({ ok: true, value: work() })));
    } catch (error) {
      if (works.length === 1) throw error;
      return works.map((work): Outcome<unknown> => {
        try {
          return { ok: true, value: this.transaction(work) };
        } catch (alone) {
          return { ok: false, error: alone };
        }
      });
    }
  }

  /** `work` in one transaction, committed; rolled back if it throws (SQLite may have rolled back already). */
  private transaction<T>(work: () => T): T {
    this.tx.begin.run();
    try {
      const value = work();
      this.tx.commit.run();
      return value;
    } catch (error) {
      if (this.db.inTransaction) this.tx.rollback.run();
      throw error;
    }
  }

  signUp({ eventId, userId, chatId, now, card, roleId = null }: Tap): Promise<TapRow | null> {
    return this.inBatch(() => {
      const statements = this.statements;
      const params = {
        eventId,
        userId,
        chatId,
        roleId,
        now: sqliteTime(now),
        ...(card ? { cardChatId: card.chatId, cardMessageId: card.messageId } : {}),
      };
      const decision = (card ? statements.decideOnCard : statements.decide).get(params);
      // refused, or already signed up (a second tap changes nothing)
      if (!decision || (decision.current !== null && decision.current !== "cancelled")) return null;
      const { status, seq } = decision;
      const write = {
        eventId,
        userId,
        chatId,
        roleId,
        now: params.now,
        heldUntil: status === "held" ? sqliteTime(holdUntil(now)) : null,
        status,
        seq,
      };
      if (decision.signupId === null) {
        statements.insert.run(write);
        statements.markCards.run({ eventId });
      } else statements.renew.run({ ...write, signupId: decision.signupId });
      if (status !== "waitlisted") return { status, seq: Number(seq), position: null, asks: false };
      const waiting = statements.position.get({ eventId, roleId, seq });
      return { status, seq: Number(seq), position: Number(waiting?.n ?? 0), asks: Boolean(waiting?.asks) };
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

  remindable(userIds: TelegramId[]): Promise<RemindableUser[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    const ids = `[${userIds.join(",")}]`; // JSON numbers: Telegram ids have at most 52 bits
    return this.inBatch(() =>
      this.statements.remindable
        .all({ ids })
        .map((u) => ({ id: u.id, remindersOn: true, reminderOffsets: u.reminderOffsets })),
    );
  }

  rememberUser(user: TapUser): Promise<{ locale: string | null }> {
    return this.inBatch(() => ({
      locale: this.statements.upsertUser.all({ ...user, now: sqliteTime(user.now) })[0]?.locale ?? null,
    }));
  }
}
