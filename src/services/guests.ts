import { fitsIn, PLACE_HOLDING, signupRefusal } from "../domain/signup-rules.ts";
import type { Db, SqlDialect } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { ChangeFeed } from "./changes.ts";
import type { SignupService } from "./signups.ts";

export type GuestsOutcome =
  | { kind: "set"; guests: number }
  | { kind: "unchanged"; guests: number }
  /** not enough free places for that many more */
  | { kind: "full"; free: number }
  | { kind: "not_signed_up" }
  | { kind: "waitlisted" }
  /** more than the event allows (or it allows none) */
  | { kind: "too_many"; max: number }
  | { kind: "closed" }
  | { kind: "missing" };

/**
 * Guests (+1, +2): a confirmed member brings up to the event's `maxGuests`, each holding a place in the event
 * (and in the member's role). More guests take free places under the event's lock, never over capacity and
 * never past someone on the waitlist; fewer guests free places, which go to the waitlist in tap order.
 */
export class GuestService {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
    private readonly changes: ChangeFeed,
    private readonly signups: SignupService,
  ) {}

  async setGuests(eventId: number, userId: TelegramId, guests: number, now: Date): Promise<GuestsOutcome> {
    const outcome = await this.db.$transaction(async (tx): Promise<GuestsOutcome> => {
      await this.dialect.lockEvent(tx, eventId);
      const event = await tx.event.findUnique({ where: { id: eventId }, include: { roles: true } });
      if (!event) return { kind: "missing" };
      if (guests > event.maxGuests) return { kind: "too_many", max: event.maxGuests };
      const refusal = signupRefusal(event, now);
      if (refusal !== null && refusal !== "closed" && refusal !== "deadline") return { kind: "closed" };
      const signup = await tx.signup.findUnique({ where: { eventId_userId: { eventId, userId } } });
      if (!signup || signup.status === "cancelled") return { kind: "not_signed_up" };
      if (signup.status === "waitlisted") return { kind: "waitlisted" };
      if (guests === signup.guests) return { kind: "unchanged", guests };
      const more = guests - signup.guests;
      if (more > 0) {
        if (refusal !== null) return { kind: "closed" };
        const held = async (roleId?: number | null) =>
          (
            await tx.signup.groupBy({
              by: ["guests"],
              where: { eventId, status: { in: [...PLACE_HOLDING] }, ...(roleId === undefined ? {} : { roleId }) },
              _count: { _all: true },
            })
          ).reduce((n, g) => n + g._count._all * (1 + g.guests), 0);
        const role = event.roles.find((r) => r.id === signup.roleId);
        const waiting = await tx.signup.count({
          where: { eventId, status: "waitlisted", ...(role ? { roleId: role.id } : {}) },
        });
        const pools = [{ capacity: event.capacity, held: (await held()) + waiting }];
        if (role) pools.push({ capacity: role.capacity, held: (await held(role.id)) + waiting });
        if (!fitsIn(pools, more)) {
          const free = Math.min(
            ...pools.map((p) => (p.capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, p.capacity - p.held))),
          );
          return { kind: "full", free };
        }
      }
      await tx.signup.update({ where: { id: signup.id }, data: { guests, updatedAt: now } });
      return { kind: "set", guests };
    });
    if (outcome.kind === "set") {
      await this.changes.emit("signupsChanged", { eventId, userId });
      await this.signups.fillFreePlaces(eventId, now);
    }
    return outcome;
  }
}
