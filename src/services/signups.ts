import { LIVE_STATUSES } from "../domain/event-status.ts";
import {
  admittedStatus,
  freeIn,
  holdUntil,
  offerDeadline,
  PLACE_HOLDING,
  promotions,
  type SignupRefusal,
  signupRefusal,
} from "../domain/signup-rules.ts";
import type { CardPath } from "../store/card-path.ts";
import type { Db, DbTransaction, SqlDialect } from "../store/database.ts";
import type { CardRef, TapPath } from "../store/tap-path.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { ChangeFeed } from "./changes.ts";

export type SignUpOutcome =
  | { kind: "confirmed" }
  /** a place held until `until` while the member answers the event's questions in private (new or repeated tap) */
  | { kind: "held"; until: Date; repeated: boolean }
  /** `asks`: the event asks questions at sign-up (asked now, so the answers are there when a place comes) */
  | { kind: "waitlisted"; position: number; asks: boolean }
  /** a place from the waitlist is offered to them: Accept or Decline in private */
  | { kind: "offered" }
  | { kind: "already_confirmed" }
  | { kind: "already_waitlisted"; position: number }
  | { kind: "refused"; reason: SignupRefusal }
  | { kind: "stale" }
  | { kind: "missing" }
  /** the event has roles and the tap named none (or one of another event), or the reverse */
  | { kind: "pick_role" };

export type CancelOutcome =
  | { kind: "cancelled"; wasWaitlisted: boolean; promotedUserId: bigint | null }
  | { kind: "not_signed_up" }
  | { kind: "refused"; reason: "ended" }
  | { kind: "missing" };

export interface RoleCount {
  id: number;
  name: string;
  capacity: number | null;
  /** places held: members and their guests */
  confirmed: number;
  waitlisted: number;
}

/** Under a burst, a tap waits for a pooled connection and the event's lock rather than failing. */
const waitUnderLoad = { maxWait: 30_000, timeout: 30_000 };

/**
 * Sign-ups with a capacity and a waitlist in tap order. The tap goes through
 * the database's tap path (store/tap-path.ts), which decides confirmed or
 * waitlisted from the live count under a per-event lock, so places are never
 * exceeded; cancelling and promoting take the same lock (`dialect.lockEvent`:
 * the event's row lock where the database has one).
 */
export class SignupService {
  /**
   * Writes the notices of members just promoted, inside the promotion's transaction (set by createServices to
   * the notifier's `promotionNotices`): a promotion and its notice commit together or not at all.
   */
  promotionNotices: (tx: DbTransaction, eventId: number, userIds: bigint[], now: Date) => Promise<void> =
    async () => {};
  /** The same for places offered from the waitlist (events with offers): "Accept or Decline until …". */
  offerNotices: (tx: DbTransaction, eventId: number, userIds: bigint[], now: Date) => Promise<void> = async () => {};
  /** Told the outcome of every sign-up tap (the app counts them for /metrics). */
  onSignUp: (outcome: SignUpOutcome["kind"]) => void = () => {};

  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
    private readonly changes: ChangeFeed,
    private readonly tapPath: TapPath,
    private readonly cardPath: Pick<CardPath, "roleCounts">,
  ) {}

  /**
   * A sign-up tap. When `card` is given, the tap only counts if that message
   * is a recorded card of this very event (forged or foreign buttons are
   * `stale`). The common case — a new sign-up — is one statement or one
   * function call (see store/tap-path.ts) that checks the card and the
   * event's state and inserts; only refusals and repeated taps read more to
   * say why.
   */
  async signUp(
    eventId: number,
    userId: TelegramId,
    chatId: TelegramId | null,
    now: Date,
    card?: CardRef,
    roleId: number | null = null,
  ): Promise<SignUpOutcome> {
    const outcome = await this.tap(eventId, userId, chatId, now, card, roleId);
    this.onSignUp(outcome.kind);
    return outcome;
  }

  private async tap(
    eventId: number,
    userId: TelegramId,
    chatId: TelegramId | null,
    now: Date,
    card: CardRef | undefined,
    roleId: number | null,
  ): Promise<SignUpOutcome> {
    let row = await this.tapPath.signUp({ eventId, userId, chatId, now, card, roleId });
    if (!row) {
      const why = await this.whyNotSignedUp(eventId, userId, now, card, roleId);
      if (why) return why;
      // nothing refuses it now: what did (a card recorded a moment later) changed between the two statements
      row = await this.tapPath.signUp({ eventId, userId, chatId, now, card, roleId });
      if (!row) return (await this.whyNotSignedUp(eventId, userId, now, card, roleId)) ?? { kind: "missing" };
    }
    await this.changes.emit("signupsChanged", { eventId, userId });
    if (row.status === "confirmed") return { kind: "confirmed" };
    if (row.status === "held") return { kind: "held", until: holdUntil(now), repeated: false };
    return {
      kind: "waitlisted",
      position: row.position ?? (await this.waitlistPosition(eventId, row.seq, roleId)),
      asks: row.asks,
    };
  }

  /**
   * Why the tap path signed nobody up, read afresh. Null when nothing refuses the tap now: what refused it changed
   * between the two statements (the card's message recorded a moment after the tap looked for it), so the tap is
   * tried again rather than answered "the event is gone".
   */
  private async whyNotSignedUp(
    eventId: number,
    userId: TelegramId,
    now: Date,
    card: CardRef | undefined,
    roleId: number | null,
  ): Promise<SignUpOutcome | null> {
    const facts = await this.tapPath.explain({ eventId, userId, chatId: null, now, card, roleId });
    if (!facts) return { kind: "missing" };
    if (card && facts.cardEventId !== eventId) return { kind: "stale" };
    // A cancelled or finished event says so first; while it is only closed, "you're in" is the more useful answer.
    const refusal = signupRefusal(facts.event, now);
    if (refusal === "cancelled" || refusal === "ended" || refusal === "completed") {
      return { kind: "refused", reason: refusal };
    }
    const existing = facts.signup;
    if (existing?.status === "waitlisted") return { kind: "already_waitlisted", position: existing.position ?? 0 };
    if (existing?.status === "confirmed" || existing?.status === "attended") return { kind: "already_confirmed" };
    if (existing?.status === "held" && existing.heldUntil) {
      return { kind: "held", until: existing.heldUntil, repeated: true };
    }
    if (existing?.status === "offered") return { kind: "offered" };
    if (refusal) return { kind: "refused", reason: refusal };
    const roleFits = roleId === null ? facts.roles === 0 : facts.roleFits;
    return roleFits ? null : { kind: "pick_role" };
  }

  /** The place on the waitlist (of the sign-up's role, when the event has roles). */
  async waitlistPosition(eventId: number, seq: number, roleId: number | null = null): Promise<number> {
    return this.db.signup.count({ where: { eventId, roleId, status: "waitlisted", seq: { lte: seq } } });
  }

  /** Cancels a sign-up; a freed place goes to the first person on the waitlist. */
  async cancel(eventId: number, userId: TelegramId, now: Date): Promise<CancelOutcome> {
    const outcome = await this.db.$transaction(async (tx): Promise<CancelOutcome> => {
      await this.dialect.lockEvent(tx, eventId);
      const event = await tx.event.findUnique({ where: { id: eventId }, select: { endsAt: true } });
      if (!event) return { kind: "missing" };
      if (event.endsAt.getTime() <= now.getTime()) return { kind: "refused", reason: "ended" };
      const signup = await tx.signup.findUnique({ where: { eventId_userId: { eventId, userId } } });
      const cancellable: readonly string[] = ["confirmed", "waitlisted", "held", "offered"];
      if (!signup || !cancellable.includes(signup.status)) return { kind: "not_signed_up" };
      await tx.signup.update({
        where: { id: signup.id },
        data: { status: "cancelled", heldUntil: null, updatedAt: now },
      });
      const promotedUserId = signup.status !== "waitlisted" ? await this.promoteInto(tx, eventId, now) : [];
      return {
        kind: "cancelled",
        wasWaitlisted: signup.status === "waitlisted",
        promotedUserId: promotedUserId[0] ?? null,
      };
    }, waitUnderLoad);
    if (outcome.kind === "cancelled")
      await this.afterChange(eventId, outcome.promotedUserId ? [outcome.promotedUserId] : []);
    return outcome;
  }

  /** Fills free places from the waitlist in tap order (after a cancel or a bigger capacity). */
  async fillFreePlaces(eventId: number, now: Date): Promise<bigint[]> {
    const promoted = await this.db.$transaction(async (tx) => {
      await this.dialect.lockEvent(tx, eventId);
      return this.promoteInto(tx, eventId, now);
    }, waitUnderLoad);
    if (promoted.length > 0) await this.afterChange(eventId, promoted);
    return promoted;
  }

  /**
   * Promotes from the waitlist into the free places (the caller holds the event's lock). Nobody is promoted into an
   * event that is cancelled, no longer takes sign-ups (deadline), or has started or ended: a "you got a place"
   * there would be false. An event with offers (`offerMinutes`) offers the place instead: it is held for the
   * member until the offer ends (domain `offerDeadline`) and they accept or decline it in private.
   */
  async promoteInto(tx: DbTransaction, eventId: number, now: Date): Promise<bigint[]> {
    const event = await tx.event.findUnique({
      where: { id: eventId },
      select: {
        status: true,
        startsAt: true,
        endsAt: true,
        signupDeadline: true,
        capacity: true,
        roles: true,
        offerMinutes: true,
      },
    });
    const refusal = event ? signupRefusal(event, now) : "ended";
    if (!event || (refusal !== null && refusal !== "closed") || event.startsAt.getTime() <= now.getTime()) return [];
    const held = await this.heldPlaces(tx, eventId);
    const eventFree = freeIn({ capacity: event.capacity, held: held.total });
    if (eventFree <= 0) return [];
    const roleCapacity = new Map(event.roles.map((r) => [r.id, r.capacity]));
    const waitlist = await tx.signup.findMany({
      where: { eventId, status: "waitlisted" },
      orderBy: { seq: "asc" },
      take: event.roles.length > 0 ? 10_000 : Math.min(eventFree, 10_000),
      select: { id: true, userId: true, roleId: true },
    });
    const next = promotions(waitlist, eventFree, (roleId) =>
      roleId === null
        ? Number.POSITIVE_INFINITY
        : freeIn({ capacity: roleCapacity.get(roleId) ?? null, held: held.byRole.get(roleId) ?? 0 }),
    );
    const offer = event.offerMinutes;
    // moved up automatically on an event with questions, someone who has not answered them all gets the place held
    // while they do (as after a tap): they are told so, and a hold that runs out passes the place on
    const questions = offer === null ? await tx.eventQuestion.count({ where: { eventId } }) : 0;
    for (const s of next) {
      const answered = questions > 0 ? await tx.signupAnswer.count({ where: { signupId: s.id } }) : 0;
      const data =
        offer !== null
          ? { status: "offered" as const, heldUntil: offerDeadline(now, event.startsAt, offer) }
          : admittedStatus(true, answered < questions) === "held"
            ? { status: "held" as const, heldUntil: holdUntil(now) }
            : { status: "confirmed" as const, heldUntil: null };
      await tx.signup.update({ where: { id: s.id }, data: { ...data, updatedAt: now } });
    }
    const promoted = next.map((s) => s.userId);
    if (offer === null) await this.promotionNotices(tx, eventId, promoted, now);
    else await this.offerNotices(tx, eventId, promoted, now);
    return promoted;
  }

  /** Places held in an event, in all and per role: each place-holding member and their guests. */
  private async heldPlaces(tx: DbTransaction | Db, eventId: number) {
    const groups = await tx.signup.groupBy({
      by: ["roleId", "guests"],
      where: { eventId, status: { in: [...PLACE_HOLDING] } },
      _count: { _all: true },
    });
    const byRole = new Map<number | null, number>();
    let total = 0;
    for (const g of groups) {
      const n = g._count._all * (1 + g.guests);
      byRole.set(g.roleId, (byRole.get(g.roleId) ?? 0) + n);
      total += n;
    }
    return { total, byRole };
  }

  /** Cards follow the change, and the sender is woken for the notices of those who moved up. */
  async afterChange(eventId: number, promoted: bigint[]): Promise<void> {
    await this.changes.emit("signupsChanged", { eventId });
    for (const userId of promoted) {
      const s = await this.db.signup.findUnique({ where: { eventId_userId: { eventId, userId } } });
      await this.changes.emit("promoted", { eventId, userId, chatId: s?.chatId ?? null });
    }
  }

  /** Places held (members and their guests) / people waitlisted, per event. */
  /** Places held (members and their guests) and people waiting, per event (store/tap-path.ts: one statement). */
  async counts(eventIds: number[]): Promise<Map<number, { confirmed: number; waitlisted: number }>> {
    const result = new Map(eventIds.map((id) => [id, { confirmed: 0, waitlisted: 0 }]));
    if (eventIds.length === 0) return result;
    for (const row of await this.tapPath.counts(eventIds)) {
      result.set(row.eventId, { confirmed: row.confirmed, waitlisted: row.waitlisted });
    }
    return result;
  }

  /** How many people are signed up or waiting (those an edit notice would reach). */
  peopleSignedUp(eventId: number): Promise<number> {
    return this.db.signup.count({ where: { eventId, status: { in: ["confirmed", "waitlisted", "held", "offered"] } } });
  }

  /** How many different people are signed up or waiting in any of these events (the occurrences an edit changes). */
  async peopleSignedUpIn(eventIds: number[]): Promise<number> {
    const rows = await this.db.signup.findMany({
      where: { eventId: { in: eventIds }, status: { in: ["confirmed", "waitlisted"] } },
      distinct: ["userId"],
      select: { userId: true },
    });
    return rows.length;
  }

  /** Each role of an event with its places held and its waitlist (empty for an event without roles). */
  async roleCounts(eventId: number): Promise<RoleCount[]> {
    return (await this.roleCountsOf([eventId])).get(eventId) ?? [];
  }

  /** `roleCounts` of several events in one statement (each card round reads it): an event without roles maps to []. */
  async roleCountsOf(eventIds: number[]): Promise<Map<number, RoleCount[]>> {
    const result = new Map<number, RoleCount[]>(eventIds.map((id) => [id, []]));
    for (const { eventId, ...role } of await this.cardPath.roleCounts(eventIds)) result.get(eventId)?.push(role);
    return result;
  }

  /** Everyone on an event: confirmed (and attended), the waitlist in order, and cancellations; with their answers. */
  async roster(eventId: number) {
    const placeHolding: readonly string[] = PLACE_HOLDING;
    const rows = await this.db.signup.findMany({
      where: { eventId },
      include: {
        user: true,
        role: true,
        answers: { include: { question: true }, orderBy: { question: { position: "asc" } } },
      },
      orderBy: { seq: "asc" },
    });
    return {
      // places held for questions or offered are on the list (they take places), marked as such
      confirmed: rows.filter((r) => placeHolding.includes(r.status)),
      waitlisted: rows.filter((r) => r.status === "waitlisted"),
      cancelled: rows.filter((r) => r.status === "cancelled"),
    };
  }

  /** A user's active sign-ups for events that have not ended, soonest first, with waitlist positions. */
  async mine(userId: TelegramId, now: Date) {
    const rows = await this.db.signup.findMany({
      where: {
        userId,
        status: { in: ["confirmed", "waitlisted", "held", "offered"] },
        event: { endsAt: { gt: now }, status: { in: [...LIVE_STATUSES] } },
      },
      include: {
        event: { include: { organisation: true, questions: { orderBy: { position: "asc" } } } },
        role: true,
        answers: true,
      },
      orderBy: { event: { startsAt: "asc" } },
    });
    return Promise.all(
      rows.map(async (r) => ({
        ...r,
        position: r.status === "waitlisted" ? await this.waitlistPosition(r.eventId, r.seq, r.roleId) : null,
        // the event's questions with the member's answers (null: not answered yet)
        replies: r.event.questions.map((q) => ({
          prompt: q.prompt,
          value: r.answers.find((a) => a.questionId === q.id)?.value ?? null,
        })),
      })),
    );
  }
}
