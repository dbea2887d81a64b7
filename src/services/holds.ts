import { HOLDING_UNTIL } from "../domain/signup-rules.ts";
import type { Db, DbTransaction, SqlDialect } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { SignupService } from "./signups.ts";

/** A place that was held for someone and given up: why, for the notice. */
export interface Released {
  userId: TelegramId;
  /** "hold": the questions were not answered in time; "offer": a waitlist offer was not accepted in time */
  reason: "hold" | "offer";
}

export type AnsweredOutcome =
  | { kind: "confirmed" }
  | { kind: "waitlisted"; position: number }
  /** the hold ran out before the last answer: the place is released */
  | { kind: "expired" }
  | { kind: "none" };

export type OfferOutcome =
  | { kind: "accepted" }
  | { kind: "declined" }
  | { kind: "already_confirmed" }
  /** the offer ran out (or was declined, or the place is gone) */
  | { kind: "expired" }
  | { kind: "none" };

const waitUnderLoad = { maxWait: 30_000, timeout: 30_000 };
/** Expired holds released per pass (the next pass, a minute later, takes the rest). */
const BATCH = 200;

/**
 * Places held for someone until `Signup.heldUntil`: while they answer the event's questions (`held`) and when a
 * freed place is offered to the first on the waitlist (`offered`). Every change takes the event's lock and reads
 * the sign-up again under it, so the member's answer, their Accept and the expiry job (on any instance) cannot
 * both win: whichever comes first decides, the other finds nothing to do. A released place goes on to the
 * waitlist (another offer, on an event with offers).
 */
export class HoldService {
  /** Writes the "your place was released" notices in the releasing transaction (set by createServices). */
  releaseNotices: (tx: DbTransaction, eventId: number, released: Released[], now: Date) => Promise<void> =
    async () => {};

  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
    private readonly signups: SignupService,
  ) {}

  /** The member answered every question: a held place is confirmed if the hold has not run out. */
  async answered(eventId: number, userId: TelegramId, now: Date): Promise<AnsweredOutcome> {
    let promoted: bigint[] = [];
    const outcome = await this.db.$transaction(async (tx): Promise<AnsweredOutcome> => {
      await this.dialect.lockEvent(tx, eventId);
      const s = await tx.signup.findUnique({ where: { eventId_userId: { eventId, userId } } });
      if (!s) return { kind: "none" };
      if (s.status === "held") {
        if (s.heldUntil && s.heldUntil.getTime() > now.getTime()) {
          await tx.signup.update({
            where: { id: s.id },
            data: { status: "confirmed", heldUntil: null, updatedAt: now },
          });
          return { kind: "confirmed" };
        }
        promoted = await this.release(tx, eventId, [{ id: s.id, userId, reason: "hold" }], now);
        return { kind: "expired" };
      }
      if (s.status === "waitlisted") {
        return { kind: "waitlisted", position: await this.signups.waitlistPosition(eventId, s.seq, s.roleId) };
      }
      return s.status === "cancelled" ? { kind: "expired" } : { kind: "confirmed" };
    }, waitUnderLoad);
    if (outcome.kind === "confirmed" || outcome.kind === "expired") await this.signups.afterChange(eventId, promoted);
    return outcome;
  }

  /** Accept or Decline on a waitlist offer; only the member it was offered to has one (the button names the event). */
  async respond(eventId: number, userId: TelegramId, accept: boolean, now: Date): Promise<OfferOutcome> {
    let promoted: bigint[] = [];
    const outcome = await this.db.$transaction(async (tx): Promise<OfferOutcome> => {
      await this.dialect.lockEvent(tx, eventId);
      const s = await tx.signup.findUnique({ where: { eventId_userId: { eventId, userId } } });
      if (!s) return { kind: "none" };
      if (s.status === "confirmed") return { kind: accept ? "already_confirmed" : "none" };
      if (s.status !== "offered") return { kind: s.status === "cancelled" ? "expired" : "none" };
      const open = s.heldUntil !== null && s.heldUntil.getTime() > now.getTime();
      if (accept && open) {
        await tx.signup.update({ where: { id: s.id }, data: { status: "confirmed", heldUntil: null, updatedAt: now } });
        return { kind: "accepted" };
      }
      // declined, or accepted too late: the place goes on to the next in line (a decline needs no notice)
      const reason = open ? null : "offer";
      promoted = await this.release(tx, eventId, [{ id: s.id, userId, reason }], now);
      return { kind: open ? "declined" : "expired" };
    }, waitUnderLoad);
    if (outcome.kind !== "none" && outcome.kind !== "already_confirmed") {
      await this.signups.afterChange(eventId, promoted);
    }
    return outcome;
  }

  /**
   * Releases every hold and offer that ran out by `now` (the scheduler's job, on any instance: each release is
   * decided again under the event's lock, so two instances release each place once). Returns how many.
   */
  async expire(now: Date): Promise<number> {
    const due = await this.db.signup.findMany({
      where: { status: { in: [...HOLDING_UNTIL] }, heldUntil: { lte: now } },
      select: { eventId: true },
      orderBy: { heldUntil: "asc" },
      take: BATCH,
    });
    let released = 0;
    for (const eventId of new Set(due.map((d) => d.eventId))) {
      let promoted: bigint[] = [];
      const count = await this.db.$transaction(async (tx) => {
        await this.dialect.lockEvent(tx, eventId);
        const rows = await tx.signup.findMany({
          where: { eventId, status: { in: [...HOLDING_UNTIL] }, heldUntil: { lte: now } },
          select: { id: true, userId: true, status: true },
        });
        const items = rows.map((r) => ({
          id: r.id,
          userId: r.userId,
          reason: r.status === "held" ? ("hold" as const) : ("offer" as const),
        }));
        if (items.length > 0) promoted = await this.release(tx, eventId, items, now);
        return items.length;
      }, waitUnderLoad);
      if (count > 0) await this.signups.afterChange(eventId, promoted);
      released += count;
    }
    return released;
  }

  /** Gives up held places (under the event's lock): cancelled, told why, and the places go to the waitlist. */
  private async release(
    tx: DbTransaction,
    eventId: number,
    items: { id: number; userId: TelegramId; reason: Released["reason"] | null }[],
    now: Date,
  ): Promise<bigint[]> {
    await tx.signup.updateMany({
      where: { id: { in: items.map((i) => i.id) } },
      data: { status: "cancelled", heldUntil: null, updatedAt: now },
    });
    const told = items.flatMap((i) => (i.reason ? [{ userId: i.userId, reason: i.reason }] : []));
    if (told.length > 0) await this.releaseNotices(tx, eventId, told, now);
    return this.signups.promoteInto(tx, eventId, now);
  }
}
