/** Whether an event takes sign-ups at `now`, and if not, why (each reason has its own toast). */
export type SignupRefusal = "cancelled" | "closed" | "ended" | "deadline" | "draft" | "completed";

export interface SignupGate {
  status: "draft" | "published" | "closed" | "cancelled" | "completed";
  endsAt: Date;
  signupDeadline: Date | null;
}

export function signupRefusal(event: SignupGate, now: Date): SignupRefusal | null {
  switch (event.status) {
    case "cancelled":
      return "cancelled";
    case "closed":
      return "closed";
    case "draft":
      return "draft";
    case "completed":
      return "completed";
    case "published":
      if (event.endsAt.getTime() <= now.getTime()) return "ended";
      if (event.signupDeadline && event.signupDeadline.getTime() <= now.getTime()) return "deadline";
      return null;
  }
}

/**
 * Sign-up statuses that hold one of the event's places: capacity counts them (attendance marked keeps its place;
 * a place held while the member answers the questions, and a place offered from the waitlist, are taken too, so
 * nobody overtakes them).
 */
export const PLACE_HOLDING = ["confirmed", "attended", "no_show", "held", "offered"] as const;

/** Statuses whose place is theirs only until `Signup.heldUntil` (then the expiry job releases it). */
export const HOLDING_UNTIL = ["held", "offered"] as const;

/** How long a place is held after the tap while the member answers the event's questions in private. */
export const HOLD_MINUTES = 10;

/** The status an admitted tap gets: a free place is confirmed (or held while the questions wait), else the waitlist. */
export function admittedStatus(fits: boolean, asksQuestions: boolean): "confirmed" | "held" | "waitlisted" {
  if (!fits) return "waitlisted";
  return asksQuestions ? "held" : "confirmed";
}

/** Until when a place taken at `now` is held for the questions. */
export function holdUntil(now: Date): Date {
  return new Date(now.getTime() + HOLD_MINUTES * 60_000);
}

/** The waitlist offer's default length (the organiser may choose another). */
export const DEFAULT_OFFER_MINUTES = 120;

/**
 * Until when a place offered from the waitlist at `now` stays open: the event's length of offer, shortened close
 * to the start — never past the start, and at most half the time left, so the next in line still has a chance.
 */
export function offerDeadline(now: Date, startsAt: Date, minutes: number): Date {
  const left = Math.max(0, startsAt.getTime() - now.getTime());
  return new Date(now.getTime() + Math.min(minutes * 60_000, Math.floor(left / 2)));
}

/**
 * A pool of places: the event's (`Event.capacity`) or one role's. `held` counts the places taken (each
 * place-holding member plus their guests). null capacity = no limit.
 */
export interface PlacePool {
  capacity: number | null;
  held: number;
}

/** Whether a party of `size` fits into every pool it draws from (the event's, and its role's if it has one). */
export function fitsIn(pools: readonly PlacePool[], size = 1): boolean {
  return pools.every((p) => p.capacity === null || p.held + size <= p.capacity);
}

/** Free places of a pool (Infinity without a limit). */
export function freeIn(pool: PlacePool): number {
  return pool.capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, pool.capacity - pool.held);
}

export interface Waiting {
  roleId: number | null;
}

/**
 * Who moves up from the waitlist, in tap order: each waiting member whose role still has a free place while
 * the event has one. Each role's waitlist is strict — nobody in a role passes someone before them in it — and
 * a role that is full does not hold up another role's waitlist.
 */
export function promotions<W extends Waiting>(
  waitlist: readonly W[],
  eventFree: number,
  roleFree: (roleId: number | null) => number,
): W[] {
  const left = new Map<number | null, number>();
  const chosen: W[] = [];
  let free = eventFree;
  for (const w of waitlist) {
    if (free <= 0) break;
    const room = left.get(w.roleId) ?? roleFree(w.roleId);
    if (room <= 0) {
      left.set(w.roleId, 0);
      continue;
    }
    chosen.push(w);
    left.set(w.roleId, room - 1);
    free--;
  }
  return chosen;
}
