import { createHash } from "node:crypto";
import { GrammyError } from "grammy";
import type { Logger } from "../log.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { View } from "../views/view.ts";
import { sendOptions } from "../views/view.ts";
import { Outage } from "./outage.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { CallApi } from "./sender.ts";

/** Renders an event's card for a chat; `cache` lets one flush render each (event, language) once. */
export type CardRenderer = (
  eventId: number,
  chatId: TelegramId,
  cache: Map<string, View | null>,
) => Promise<View | null>;

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
 * in the database (`Event.cardsStale`; sign-up changes mark it by a trigger in
 * their own transaction, other changes through `markDirty`), so a restart or another instance
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
    await this.deps.db.event.updateMany({ where: { id: eventId }, data: { cardsStale: { increment: 1 } } });
    this.wake();
  }

  /**
   * Schedules a refresh of cards the database has marked already: a change to
   * sign-ups marks its event in the same transaction (a trigger, see the
   * migration signup_changes_mark_cards), so a tap costs no second statement.
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
    const { db, limiter, now } = this.deps;
    const marked = await db.event.findMany({
      where: { cardsStale: { gt: 0 } },
      select: { id: true, cardsStale: true },
      take: EVENTS_PER_FLUSH,
    });
    const rendered = new Map<string, View | null>();
    let edits = 0;
    let left = false;
    let globalFull = false;
    for (const [i, event] of marked.entries()) {
      // Prisma's SQLite calls resolve without touching the event loop: let waiting taps in between events.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      // the global window is full: rendering more cards now would be thrown away (the next flush renders them)
      if (limiter.globalWait(now().getTime()) > 0) {
        globalFull = true;
        left = true;
        break;
      }
      const cards = await db.eventMessage.findMany({
        where: { eventId: event.id },
        orderBy: [{ editedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
      });
      let current = true;
      for (const card of cards) {
        if (!this.active) {
          current = false; // no longer the instance that edits (deposed mid-flush): the leader finishes
          break;
        }
        if (limiter.waitFor(card.chatId, now().getTime()) > 0) {
          current = false; // this chat (or everything) is at its limit: no render that could not be sent
          continue;
        }
        const view = await this.deps.render(event.id, card.chatId, rendered);
        if (!view) continue;
        const hash = viewHash(view);
        if (hash === card.shownHash) continue;
        if (!limiter.tryTake(card.chatId, now().getTime())) {
          current = false; // over this chat's (or the global) budget: the next flush
          continue;
        }
        const outcome = await this.edit(card, view, hash);
        this.deps.onEdit?.(outcome);
        if (outcome === "edited") edits++;
        if (outcome === "retry") current = false;
      }
      // clear the mark unless a change came in while the cards were rendered
      if (current)
        await db.event.updateMany({ where: { id: event.id, cardsStale: event.cardsStale }, data: { cardsStale: 0 } });
      else left = true;
    }
    // a full global window has room again within a second; a full chat window takes longer
    if (left || marked.length === EVENTS_PER_FLUSH) this.schedule(globalFull ? 1000 : 3000);
    return edits;
  }

  private async edit(
    card: { id: number; chatId: TelegramId; messageId: number },
    view: View,
    hash: string,
  ): Promise<"edited" | "current" | "retry"> {
    const { db, now, limiter } = this.deps;
    const shown = async () => {
      await db.eventMessage.update({ where: { id: card.id }, data: { editedAt: now(), shownHash: hash } });
    };
    try {
      await this.deps.callApi("editMessageText", {
        chat_id: card.chatId,
        message_id: card.messageId,
        text: view.text,
        ...sendOptions(view),
      });
      await shown();
      return "edited";
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error; // the network or the database: the flush is retried
      if (/not modified/i.test(error.description)) {
        await shown();
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
