import type { CardRef } from "../store/tap-path.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { ChangeFeed } from "./changes.ts";
import type { EventService } from "./events.ts";
import type { Notifier } from "./notifier.ts";
import type { SignUpOutcome, SignupService } from "./signups.ts";

/** What "sign up for all upcoming" did, occurrence by occurrence, added up for the toast. */
export interface SeriesSignUpTally {
  confirmed: number;
  waitlisted: number;
  /** already signed up (or waitlisted) before */
  already: number;
  /** closed, past the deadline, or otherwise not taking sign-ups */
  refused: number;
}

export type SeriesSignUpOutcome =
  | { kind: "done"; tally: SeriesSignUpTally }
  /** the tap was not on a card of that occurrence, or the occurrence is gone */
  | { kind: "stale" | "missing" | "pick_role" }
  /** the event asks questions at sign-up: each date is signed up for (and answered) on its own */
  | { kind: "questions" };

/**
 * Recurring activities across their occurrences (issue 15): signing a member up for this and every later
 * occurrence, or cancelling those sign-ups. Each occurrence is its own event: each sign-up goes through the same
 * rule and tap path as a single tap (full ones put the member on that occurrence's waitlist).
 */
export class SeriesService {
  constructor(
    private readonly events: EventService,
    private readonly signups: SignupService,
    private readonly changes: ChangeFeed,
    private readonly notifier: Pick<Notifier, "seriesCancelled">,
  ) {}

  /**
   * Cancels this and every later live occurrence; their people and groups are told once for all. The cards of
   * earlier occurrences follow too (they say how many are left). Returns how many were cancelled.
   */
  async cancelFuture(eventId: number, now: Date): Promise<number> {
    const place = await this.events.seriesPlace(eventId, now);
    if (!place) return 0;
    const cancelled: number[] = [];
    for (const id of place.ids) if (await this.events.cancel(id, { quiet: true })) cancelled.push(id);
    if (cancelled.length > 0) await this.notifier.seriesCancelled(cancelled);
    for (const id of await this.events.earlierLive(place.seriesId, eventId, now)) {
      await this.changes.emit("eventChanged", { eventId: id, timeChanged: false });
    }
    return cancelled.length;
  }

  /** The tapped occurrence first (checked against its card), then every later live one. */
  async signUpAll(
    eventId: number,
    userId: TelegramId,
    chatId: TelegramId | null,
    now: Date,
    card: CardRef,
  ): Promise<SeriesSignUpOutcome> {
    const place = await this.events.seriesPlace(eventId, now);
    if (!place) return { kind: "missing" };
    if ((await this.events.questions(eventId)).length > 0) return { kind: "questions" };
    const tally: SeriesSignUpTally = { confirmed: 0, waitlisted: 0, already: 0, refused: 0 };
    const first = await this.signups.signUp(eventId, userId, chatId, now, card);
    if (first.kind === "stale" || first.kind === "missing" || first.kind === "pick_role") return { kind: first.kind };
    add(tally, first);
    for (const id of place.ids) {
      if (id === eventId) continue;
      add(tally, await this.signups.signUp(id, userId, chatId, now));
    }
    return { kind: "done", tally };
  }

  /** Cancels the member's sign-ups for this and every later live occurrence; how many were cancelled. */
  async cancelAll(eventId: number, userId: TelegramId, now: Date): Promise<number | null> {
    const place = await this.events.seriesPlace(eventId, now);
    if (!place) return null;
    let cancelled = 0;
    for (const id of place.ids) {
      if ((await this.signups.cancel(id, userId, now)).kind === "cancelled") cancelled++;
    }
    return cancelled;
  }
}

function add(tally: SeriesSignUpTally, outcome: SignUpOutcome): void {
  switch (outcome.kind) {
    case "confirmed":
      tally.confirmed++;
      return;
    case "waitlisted":
      tally.waitlisted++;
      return;
    case "already_confirmed":
    case "already_waitlisted":
      tally.already++;
      return;
    default:
      tally.refused++;
  }
}
