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

/** Places shown on a card: "12/20", full with a waitlist, or no limit. */
export interface PlacesSummary {
  confirmed: number;
  waitlisted: number;
  capacity: number | null;
}

export function placesLeft(p: PlacesSummary): number | null {
  return p.capacity === null ? null : Math.max(0, p.capacity - p.confirmed);
}

export function isFull(p: PlacesSummary): boolean {
  return p.capacity !== null && p.confirmed >= p.capacity;
}
