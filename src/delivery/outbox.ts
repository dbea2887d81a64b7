import type { Delivery as DeliveryRow } from "../generated/sqlite/client.ts";
import { redactSecrets } from "../redact.ts";
import type { Db, DbTransaction, SqlDialect } from "../store/database.ts";
import { Prisma, type Sql } from "../store/sql.ts";
import type { TelegramId } from "../telegram-id.ts";
import { atLeastOnceKinds, type DeliveryKind, type NewDelivery } from "./kinds.ts";
import { DELIVERY_STATUSES, type DeliveryStatus, type FinishedStatus } from "./statuses.ts";

export type { NewDelivery } from "./kinds.ts";

/**
 * The outbox: every message the bot sends on its own initiative is first a
 * row with a unique idempotency key, then one sender claims and sends it.
 * What each kind's key is, and which guarantee it has, is declared in
 * kinds.ts.
 *
 * How the guarantees are kept:
 * - at-most-once: a row is marked `sending` in its own committed statement
 *   before the HTTP call. If the process dies after that and before it is
 *   marked `sent`, nobody can know whether Telegram got it, so the row is
 *   marked `failed` ("interrupted") on recovery instead of being sent again.
 * - at-least-once: an interrupted row goes back to `pending` and is sent again.
 * The unique key makes planning idempotent: planning the same reminder twice
 * (two instances, a restart, a re-run) inserts one row.
 *
 * - Rows carry `expiresAt` (a reminder is useless once the event started, a
 *   summary once its local day ended): after downtime the useful ones are sent
 *   late and the others become `missed`.
 * - Replanning (an event's time changed, a group changed its settings) retires
 *   the old rows: pending ones become `dropped` and their keys get a `~<id>`
 *   suffix, so the new plan inserts fresh rows under the same keys. A reminder
 *   pending for the old time never fires once the new one is planned (and a
 *   renderer drops any planned for another start); on a time change the keys of
 *   reminders already sent are freed too, so the new time gets its own.
 */
export type Delivery = DeliveryRow;

const ENQUEUE_CHUNK = 100;

/**
 * A claim is a lease for this long: the sender renews it (`renew`) while its call is in flight, so a claim
 * older than this belongs to a sender that died; every running sender's sweep (`recover`) takes it back.
 */
export const LEASE_MS = 60_000;

export class Outbox {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
  ) {}

  private status(s: DeliveryStatus): Sql {
    return this.dialect.enumValue("DeliveryStatus", s);
  }

  /** Inserts deliveries whose key is new; returns how many were inserted. Existing keys are left as they are. */
  /** Inserts deliveries under their keys (once each); `client` is a transaction when they must commit with it. */
  async enqueue(deliveries: NewDelivery[], now: Date, client: Db | DbTransaction = this.db): Promise<number> {
    let inserted = 0;
    // Small chunks, with a turn of the event loop between them: a big plan must not stall the taps.
    for (let i = 0; i < deliveries.length; i += ENQUEUE_CHUNK) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const chunk = deliveries.slice(i, i + ENQUEUE_CHUNK);
      const values = chunk.map(
        (d) =>
          Prisma.sql`(${d.key}, ${d.kind}, ${d.chatId}, ${JSON.stringify(d.payload)}, ${d.dueAt}, ${d.expiresAt}, ${this.status("pending")}, 0, ${d.eventId}, ${now})`,
      );
      inserted += await client.$executeRaw`
        INSERT INTO "Delivery" ("key", "kind", "chatId", "payload", "dueAt", "expiresAt", "status", "attempts", "eventId", "createdAt")
        VALUES ${Prisma.join(values)}
        ON CONFLICT ("key") DO NOTHING`;
    }
    return inserted;
  }

  /**
   * Claims up to `limit` due deliveries for this instance. On PostgreSQL the
   * rows are locked with SKIP LOCKED, so two instances never claim the same
   * row; on SQLite the single UPDATE is atomic.
   */
  async claim(instanceId: string, now: Date, limit: number, excludeChats: TelegramId[] = []): Promise<Delivery[]> {
    const exclude =
      excludeChats.length > 0
        ? Prisma.sql`AND "chatId" NOT IN (${Prisma.join(excludeChats.slice(0, 5000))})`
        : Prisma.empty;
    const ids = await this.db.$queryRaw<{ id: number }[]>`
      UPDATE "Delivery" SET "status" = ${this.status("sending")}, "claimedBy" = ${instanceId}, "claimedAt" = ${now},
             "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "Delivery"
        WHERE "status" = ${this.status("pending")} AND "dueAt" <= ${now} ${exclude}
        ORDER BY "dueAt", "id" LIMIT ${limit} ${this.dialect.skipLocked}
      )
      RETURNING "id"`;
    if (ids.length === 0) return [];
    return this.db.delivery.findMany({
      where: { id: { in: ids.map((r) => Number(r.id)) } },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    });
  }

  /**
   * The delivery a `claim` would take next, without claiming it (the sender renders it while the one before is
   * in flight, then claims it with `markSentAndClaim`).
   */
  async peek(now: Date, excludeChats: TelegramId[] = []): Promise<Delivery | null> {
    return this.db.delivery.findFirst({
      where: {
        status: "pending",
        dueAt: { lte: now },
        ...(excludeChats.length > 0 ? { chatId: { notIn: excludeChats.slice(0, 5000) } } : {}),
      },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    });
  }

  /**
   * When the next pending delivery falls due (null: none is pending), whatever its chat: the sender, when it
   * found nothing to send, sleeps until then rather than asking again every interval. One index seek.
   */
  async nextDueAt(): Promise<Date | null> {
    const row = await this.db.delivery.findFirst({
      where: { status: "pending" },
      orderBy: { dueAt: "asc" },
      select: { dueAt: true },
    });
    return row?.dueAt ?? null;
  }

  /**
   * One statement between two sends: records `sent` as sent (if given) and claims `next` for this instance, if
   * it is still as peeked (pending, due, same chat and payload). Returns the claimed delivery, or null.
   */
  async markSentAndClaim(
    sent: { id: number; at: Date } | null,
    next: Delivery,
    instanceId: string,
    now: Date,
  ): Promise<Delivery | null> {
    const sentId = sent?.id ?? -1;
    const rows = await this.db.$queryRaw<{ id: number }[]>`
      UPDATE "Delivery" SET
        "status" = CASE WHEN "id" = ${sentId} THEN ${this.status("sent")} ELSE ${this.status("sending")} END,
        "sentAt" = CASE WHEN "id" = ${sentId} THEN ${sent?.at ?? now} ELSE "sentAt" END,
        "lastError" = CASE WHEN "id" = ${sentId} THEN NULL ELSE "lastError" END,
        "claimedBy" = CASE WHEN "id" = ${sentId} THEN "claimedBy" ELSE ${instanceId} END,
        "claimedAt" = CASE WHEN "id" = ${sentId} THEN "claimedAt" ELSE ${now} END,
        "attempts" = CASE WHEN "id" = ${sentId} THEN "attempts" ELSE "attempts" + 1 END
      WHERE "id" = ${sentId}
         OR ("id" = ${next.id} AND "status" = ${this.status("pending")} AND "dueAt" <= ${now}
             AND "chatId" = ${next.chatId} AND "payload" = ${next.payload})
      RETURNING "id"`;
    if (!rows.some((r) => Number(r.id) === next.id)) return null;
    return { ...next, status: "sending", claimedBy: instanceId, claimedAt: now, attempts: next.attempts + 1 };
  }

  /** The sender still works on this claim: its lease runs from `now`. */
  async renew(id: number, now: Date): Promise<void> {
    await this.db.delivery.updateMany({ where: { id, status: "sending" }, data: { claimedAt: now } });
  }

  async markSent(id: number, now: Date): Promise<void> {
    await this.db.delivery.update({ where: { id }, data: { status: "sent", sentAt: now, lastError: null } });
  }

  /** Back to pending, due again at `dueAt` (rate limit, 429, transient error). */
  async retryAt(id: number, dueAt: Date, error: string | null, countAttempt = true): Promise<void> {
    await this.db.delivery.update({
      where: { id },
      data: {
        status: "pending",
        dueAt,
        lastError: error === null ? null : redactSecrets(error),
        ...(countAttempt ? {} : { attempts: { decrement: 1 } }),
      },
    });
  }

  /** The chat became a supergroup with a new id: the delivery goes there instead, due again at `dueAt`. */
  async redirect(id: number, chatId: TelegramId, dueAt: Date, reason: string): Promise<void> {
    await this.db.delivery.update({
      where: { id },
      data: { status: "pending", chatId, dueAt, lastError: redactSecrets(reason), attempts: { decrement: 1 } },
    });
  }

  async finish(id: number, status: Exclude<FinishedStatus, "sent">, reason: string): Promise<void> {
    await this.db.delivery.update({ where: { id }, data: { status, lastError: redactSecrets(reason) } });
  }

  /**
   * After a crash: deliveries that fell due while the bot was down and are no
   * longer useful become `missed`; claims left behind by a dead sender are
   * failed (at-most-once kinds) or put back (at-least-once kinds).
   */
  async recover(now: Date): Promise<{ missed: number; interrupted: number; requeued: number }> {
    const staleBefore = new Date(now.getTime() - LEASE_MS);
    const missed = await this.db.delivery.updateMany({
      where: { status: "pending", expiresAt: { lte: now } },
      data: { status: "missed", lastError: "fell due while the bot was not running; no longer useful" },
    });
    const requeued = await this.db.delivery.updateMany({
      where: { status: "sending", claimedAt: { lte: staleBefore }, kind: { in: [...atLeastOnceKinds] } },
      data: { status: "pending", lastError: "interrupted while sending; sending again (at-least-once)" },
    });
    const interrupted = await this.db.delivery.updateMany({
      where: { status: "sending", claimedAt: { lte: staleBefore }, kind: { notIn: [...atLeastOnceKinds] } },
      data: { status: "failed", lastError: "interrupted while sending; not sent again (at-most-once)" },
    });
    return { missed: missed.count, interrupted: interrupted.count, requeued: requeued.count };
  }

  /** Drops pending deliveries of an event (its time changed or it was cancelled), optionally only some kinds. */
  async dropForEvent(eventId: number, kinds?: readonly DeliveryKind[]): Promise<number> {
    const { count } = await this.db.delivery.updateMany({
      where: { eventId, status: "pending", ...(kinds ? { kind: { in: [...kinds] } } : {}) },
      data: { status: "dropped", lastError: "event changed" },
    });
    return count;
  }

  /**
   * Retires the deliveries of one event or one chat (of the given kinds) so they can be planned afresh: pending
   * rows become `dropped`; their keys (and with `includeDone` those of rows already sent or finished) are
   * renamed to `<key>~<id>`, freeing the key. Rows being sent right now are left alone.
   */
  async retire(
    target: { eventId: number } | { eventIds: number[] } | { chatId: TelegramId },
    kinds: readonly DeliveryKind[],
    reason: string,
    includeDone = false,
  ): Promise<number> {
    if ("eventIds" in target && target.eventIds.length === 0) return 0;
    const where =
      "eventId" in target
        ? Prisma.sql`"eventId" = ${target.eventId}`
        : "eventIds" in target
          ? Prisma.sql`"eventId" IN (${Prisma.join(target.eventIds)})`
          : Prisma.sql`"chatId" = ${target.chatId}`;
    // everything but what is being sent right now
    const statuses: readonly DeliveryStatus[] = includeDone
      ? DELIVERY_STATUSES.filter((s) => s !== "sending")
      : ["pending"];
    return this.db.$executeRaw`
      UPDATE "Delivery"
      SET "status" = CASE WHEN "status" = 'pending' THEN ${this.status("dropped")} ELSE "status" END,
          "lastError" = CASE WHEN "status" = 'pending' THEN ${redactSecrets(reason)} ELSE "lastError" END,
          "key" = "key" || '~' || CAST("id" AS TEXT)
      WHERE ${where} AND "kind" IN (${Prisma.join([...kinds])})
        AND "status" IN (${Prisma.join(statuses.map((s) => this.status(s)))}) AND "key" NOT LIKE '%~%'`;
  }

  /** The chat removed or blocked the bot: its pending deliveries are skipped, not retried. */
  async skipChat(chatId: TelegramId, reason: string): Promise<number> {
    const { count } = await this.db.delivery.updateMany({
      where: { chatId, status: "pending" },
      data: { status: "skipped", lastError: redactSecrets(reason) },
    });
    return count;
  }
}
