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
