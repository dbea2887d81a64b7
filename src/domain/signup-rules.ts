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

/** Sign-up statuses that hold one of the event's places: capacity counts them (attendance marked keeps its place). */
export const PLACE_HOLDING = ["confirmed", "attended", "no_show"] as const;

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
