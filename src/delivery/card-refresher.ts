import { createHash } from "node:crypto";
import { GrammyError } from "grammy";
import type { Logger } from "../log.ts";
import { markCards } from "../store/card-marks.ts";
import type { CardPath, PostedCard, ShownCard } from "../store/card-path.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { View } from "../views/view.ts";
import { sendOptions } from "../views/view.ts";
import { Outage } from "./outage.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { CallApi } from "./sender.ts";

/** Where a card is posted: its event and its chat. */
export interface CardSpot {
  eventId: number;
  chatId: TelegramId;
}

/**
 * One flush, as its rounds' renderer sees it: the events it may render, and what the renderer read for an
 * earlier round (its own to fill).
 */
export interface FlushReads {
  readonly eventIds: readonly number[];
  readonly memo: Map<unknown, unknown>;
}

/**
 * Renders cards, each in its chat's language, in the order given (null: the event is gone). A round renders
 * every card it can send in one call, so what they show is read once for all of them. What does not change
 * with sign-ups (the event itself) may be read once per flush, for all of its events and rounds: a change to an
 * event during the flush marks it again, so its next flush shows the change.
 */
export type CardRenderer = (cards: CardSpot[], flush: FlushReads) => Promise<(View | null)[]>;

/** What a card shows, as a short hash: an edit is made only when it would change it. */
export function viewHash(view: View): string {
  return createHash("sha1")
    .update(JSON.stringify([view.text, sendOptions(view)]))
    .digest("base64url");
}

/** Events whose cards one flush looks at, at most. */
const EVENTS_PER_FLUSH = 200;
/** How often every instance looks for marks left by a restart or another instance. */
const SWEEP_MS = 30_000;

/**
 * Keeps every posted card of an event up to date. A change marks the event
 * in the database (`CardMark`; sign-up changes mark it in their own transaction, by trigger or
 * store/card-marks.ts, other changes through `markDirty`), so a restart or another instance
 * finishes a refresh this one could not. A flush renders each marked event's
 * cards, stalest first, and edits only those whose content differs from what
 * they show (`EventMessage.shownHash`): a card already current costs no call
 * and none of the group's ~20 messages a minute. The mark is cleared only when
 * every card is current and no change came in meanwhile. Failures (a
 * database outage) are logged once and retried with back-off.
 */
export class CardRefresher {
  private timer: NodeJS.Timeout | null = null;
  private sweep: NodeJS.Timeout | null = null;
  private flushing: Promise<number> | null = null;
  private stopped = false;
  /** only the sending leader edits cards (cluster/leader.ts); the others only mark them */
  private active = true;
  private readonly outage: Outage;

  constructor(
    private readonly deps: {
      db: Db;
      /** the flush's reads and writes (store/card-path.ts) */
      cards: CardPath;
      limiter: RateLimiter;
      callApi: CallApi;
      render: CardRenderer;
      now: () => Date;
      logger: Logger;
      delayMs?: number;
      /** marked while not active: tell the instance that edits (through the change bus) */
      onMarked?: () => void;
      /** every edit's outcome, for metrics */
      onEdit?: (outcome: "edited" | "current" | "retry") => void;
    },
  ) {
    this.outage = new Outage(deps.logger, "card refresh");
  }

  /** Marks the event's cards for a refresh (durably) and schedules one. */
  async markDirty(eventId: number): Promise<void> {
    await markCards(this.deps.db, eventId);
    this.wake();
  }

  /**
   * Schedules a refresh of cards the database has marked already: a change to
   * sign-ups marks its event in the same transaction (store/card-marks.ts), so
   * a tap needs no second round trip.
   * While this instance does not edit cards (another is the sending leader),
   * the leader is told instead (`onMarked`).
   */
  wake(): void {
    if (this.active) this.schedule(this.deps.delayMs ?? 1000);
    else this.deps.onMarked?.();
  }

  /** Another instance marked cards: refresh soon (when this one edits cards). */
  poke(): void {
    if (this.active && this.sweep) this.schedule(this.deps.delayMs ?? 1000);
  }

  /**
   * Whether this instance edits cards. An inactive refresher only marks events (the leader finishes them);
   * made active it looks at once for what others marked.
   */
  setActive(active: boolean): void {
    this.active = active;
    if (active && this.sweep) this.schedule(0);
  }

  /** Finishes refreshes left marked (by a restart or another instance) now and every half minute. */
  start(): void {
    if (this.sweep || this.stopped) return;
    this.schedule(0);
    this.sweep = setInterval(() => this.schedule(0), SWEEP_MS);
    this.sweep.unref?.();
  }

  private schedule(ms: number): void {
    if (this.timer || this.stopped || !this.active) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.outage
        .run(() => this.flush())
        .then((backoff) => {
          if (backoff > 0) this.schedule(backoff);
        });
    }, ms);
    this.timer.unref?.();
  }

  /** Edits the marked cards now (as far as the limits allow). Returns how many edits were made. */
  async flush(): Promise<number> {
    while (this.flushing) await this.flushing.catch(() => undefined);
    const run = this.flushOnce();
    this.flushing = run;
    try {
      return await run;
    } finally {
      this.flushing = null;
    }
  }

  private async flushOnce(): Promise<number> {
    const { cards, limiter, now } = this.deps;
    const { marked, posted } = await cards.queue(EVENTS_PER_FLUSH);
    if (marked.length === 0) return 0;
    // event by event, each one's cards stalest first; an event's mark is cleared once all its cards are current
    const current = new Map(marked.map((e) => [e.eventId, true]));
    const byEvent = new Map<number, typeof posted>();
    for (const card of posted) {
      const cards = byEvent.get(card.eventId);
      if (cards) cards.push(card);
      else byEvent.set(card.eventId, [card]);
    }
    const queue = marked.flatMap((e) => byEvent.get(e.eventId) ?? []);
    let edits = 0;
    let globalFull = false;
    let next = 0;
    const reads: FlushReads = { eventIds: marked.map((e) => e.eventId), memo: new Map() };
    while (next < queue.length) {
      if (next > 0) await new Promise((resolve) => setImmediate(resolve)); // let waiting taps in between rounds
      const at = now().getTime();
      // the global window is full: rendering more cards now would be thrown away (the next flush renders them)
      if (limiter.globalWait(at) > 0 || !this.active) {
        globalFull = this.active;
        for (const card of queue.slice(next)) current.set(card.eventId, false);
        break;
      }
      // a round: as many cards as the windows can take now; none is rendered that could not be sent
      const round: typeof queue = [];
      const room = new Map<TelegramId, number>();
      const budget = limiter.globalBudget(at);
      while (next < queue.length && round.length < budget) {
        const card = queue[next++] as (typeof queue)[number];
        const left = room.get(card.chatId) ?? limiter.room(card.chatId, at);
        room.set(card.chatId, left - 1);
        if (left > 0) round.push(card);
        else current.set(card.eventId, false); // this chat is at its limit: the next flush
      }
      if (round.length === 0) continue;
      const views = await this.deps.render(round, reads);
      const shown: ShownCard[] = [];
      try {
        edits += await this.editRound(round, views, current, shown);
      } finally {
        await cards.recordShown(shown, now());
      }
    }
    // clear each mark unless a change came in while the cards were rendered
    await cards.clearMarks(marked.filter((mark) => current.get(mark.eventId)));
    const left = [...current.values()].some((done) => !done);
    // a full global window has room again within a second; a full chat window takes longer
    if (left || marked.length === EVENTS_PER_FLUSH) this.schedule(globalFull ? 1000 : 3000);
    return edits;
  }

  /** Edits a round's cards whose view changed, as far as the limits allow; returns how many were edited. */
  private async editRound(
    round: PostedCard[],
    views: (View | null)[],
    current: Map<number, boolean>,
    shown: ShownCard[],
  ): Promise<number> {
    const { limiter, now } = this.deps;
    let edits = 0;
    for (const [i, card] of round.entries()) {
      if (!this.active) {
        current.set(card.eventId, false); // no longer the instance that edits (deposed mid-flush): the leader finishes
        continue;
      }
      const view = views[i];
      if (!view) continue;
      const hash = viewHash(view);
      if (hash === card.shownHash) continue;
      if (!limiter.tryTake(card.chatId, now().getTime())) {
        current.set(card.eventId, false); // over this chat's (or the global) budget: the next flush
        continue;
      }
      const outcome = await this.edit(card, view, hash, shown);
      this.deps.onEdit?.(outcome);
      if (outcome === "edited") edits++;
      if (outcome === "retry") current.set(card.eventId, false);
    }
    return edits;
  }

  /** Edits one card; `shown` collects the cards now known to show their view (written after the round). */
  private async edit(
    card: { id: number; chatId: TelegramId; messageId: number },
    view: View,
    hash: string,
    shown: ShownCard[],
  ): Promise<"edited" | "current" | "retry"> {
    const { db, now, limiter } = this.deps;
    try {
      await this.deps.callApi("editMessageText", {
        chat_id: card.chatId,
        message_id: card.messageId,
        text: view.text,
        ...sendOptions(view),
      });
      shown.push({ id: card.id, hash });
      return "edited";
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error; // the network or the database: the flush is retried
      if (/not modified/i.test(error.description)) {
        shown.push({ id: card.id, hash });
        return "current";
      }
      if (/message to edit not found|message can't be edited/i.test(error.description)) {
        await db.eventMessage.deleteMany({ where: { id: card.id } });
        return "current";
      }
      if (error.error_code === 429) {
        limiter.pause(card.chatId, error.parameters.retry_after ?? 5, now().getTime());
        return "retry";
      }
      this.deps.logger.warn({ err: error, chatId: String(card.chatId) }, "could not update an event card");
      return "current";
    }
  }

  /** One last flush (as far as the limits allow), then no more timers. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.sweep) clearInterval(this.sweep);
    this.timer = null;
    this.sweep = null;
    if (this.active) await this.outage.run(() => this.flush());
  }
}
