import { fitsIn, type PlacePool } from "./signup-rules.ts";

/**
 * Check-in at the venue (issue 15): the rules for a member who opens the event's check-in link (pure; takes `now`).
 *
 * The window: from CHECK_IN_OPENS_BEFORE_MS before the start until the event's end. Organisers put the code up
 * as people arrive, so it opens an hour early; after the end it is attendance by hand (the attendance sheet).
 *
 * Who is marked attended:
 * - signed up (confirmed, or already marked absent by hand): attended;
 * - on the waitlist, or not signed up (or cancelled): they are at the venue, so they are let in and marked
 *   attended when a place is free — as an organiser at the door would; when the event is full they are told
 *   politely to see an organiser, who can decide by hand. On events with roles a walk-in is not placed in a
 *   role by guess: they are sent to an organiser too.
 * - already attended: told so again, nothing changes (opening the link twice is harmless).
 */
export const CHECK_IN_OPENS_BEFORE_MS = 60 * 60 * 1000;

export interface CheckInWindow {
  opens: Date;
  closes: Date;
}

export function checkInWindow(event: { startsAt: Date; endsAt: Date }): CheckInWindow {
  return { opens: new Date(event.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS), closes: event.endsAt };
}

export type CheckInVerdict =
  /** marked attended now; `walkIn`: they were not confirmed before (waitlisted, cancelled or not signed up) */
  | { kind: "attended"; walkIn: boolean }
  | { kind: "already" }
  | { kind: "too_early"; opens: Date }
  | { kind: "ended" }
  | { kind: "cancelled" }
  /** not confirmed, and no free place: an organiser decides */
  | { kind: "full" }
  /** not confirmed, on an event with roles: an organiser places them */
  | { kind: "roles" };

/** A check-in as the member is told it; an unknown token (forged, mistyped, renewed away) names no event. */
export type CheckInOutcome =
  | (CheckInVerdict & { event: { id: number; title: string; timeZone: string } })
  | { kind: "unknown" };

export interface CheckInInput {
  event: { startsAt: Date; endsAt: Date; status: string; hasRoles: boolean };
  /** the member's sign-up status, null when they never signed up */
  signup: string | null;
  /** the event's places (the walk-in takes one) */
  pool: PlacePool;
}

export function checkInVerdict(input: CheckInInput, now: Date): CheckInVerdict {
  const { event, signup } = input;
  if (event.status === "cancelled" || event.status === "draft") return { kind: "cancelled" };
  const window = checkInWindow(event);
  if (signup === "attended") return { kind: "already" };
  if (now.getTime() < window.opens.getTime()) return { kind: "too_early", opens: window.opens };
  if (now.getTime() >= window.closes.getTime()) return { kind: "ended" };
  if (signup === "confirmed" || signup === "no_show") return { kind: "attended", walkIn: false };
  if (event.hasRoles) return { kind: "roles" };
  return fitsIn([input.pool]) ? { kind: "attended", walkIn: true } : { kind: "full" };
}

/**
 * The attendance a person's sign-up shows once the event is over: marked attended, marked absent, or — signed up,
 * confirmed and never checked in nor marked by the end — a no-show. Before the end a confirmed sign-up is just that.
 * Shown to the organisers (roster, export) and to the person themselves (/my), never to other members.
 */
export type AttendanceShown = "attended" | "no_show" | "expected" | null;

export function attendanceOf(status: string, event: { endsAt: Date }, now: Date): AttendanceShown {
  if (status === "attended") return "attended";
  if (status === "no_show") return "no_show";
  if (status !== "confirmed") return null;
  return event.endsAt.getTime() <= now.getTime() ? "no_show" : "expected";
}
