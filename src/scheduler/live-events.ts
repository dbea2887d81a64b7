import { isLiveStatus, LIVE_STATUSES } from "../domain/event-status.ts";
import type { Prisma } from "../generated/sqlite/client.ts";

const DAY_MS = 86_400_000;
/** Events are planned once they start within this long (a week of offsets plus a day before). */
export const LOOKAHEAD_MS = 8 * DAY_MS;

/**
 * The events whose reminders are planned at `now`: live, not ended, and
 * starting within the look-ahead; `also` narrows them further.
 */
export function plannableEvents(now: Date, also: Prisma.EventWhereInput = {}): Prisma.EventWhereInput {
  return {
    AND: [
      {
        status: { in: [...LIVE_STATUSES] },
        endsAt: { gt: now },
        startsAt: { lte: new Date(now.getTime() + LOOKAHEAD_MS) },
      },
      also,
    ],
  };
}

/**
 * Whether a reminder planned for `planned` still applies to the event as it
 * is when the reminder is sent: the event is live (an organiser is still asked
 * about attendance once it is completed) and starts when it did when planned.
 */
export function reminderStillApplies(
  event: { status: string; startsAt: Date },
  planned: { slot: string; start: string },
): boolean {
  const live = isLiveStatus(event.status) || (planned.slot === "attendance" && event.status === "completed");
  return live && event.startsAt.toISOString() === planned.start;
}
