import { GrammyError } from "grammy";
import type { Logger } from "../log.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { View } from "../views/view.ts";
import { sendOptions } from "../views/view.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { CallApi } from "./sender.ts";

/** Renders an event's card for a chat; `cache` lets one flush render each (event, language) once. */
export type CardRenderer = (
  eventId: number,
  chatId: TelegramId,
  cache: Map<string, View | null>,
) => Promise<View | null>;

/**
 * Keeps every posted card of an event up to date. Changes only mark the
 * event dirty; a flush edits each card once for all the changes since, as
 * far as the chat's rate window allows, so a burst of taps in a group stays
 * within Telegram's ~20 messages per minute there. Cards that could not be
 * edited yet stay dirty for the next flush.
 */
export class CardRefresher {
  private readonly dirty = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly deps: {
      db: Db;
      limiter: RateLimiter;
      callApi: CallApi;
      render: CardRenderer;
      now: () => Date;
      logger: Logger;
      delayMs?: number;
    },
  ) {}

  markDirty(eventId: number): void {
    this.dirty.add(eventId);
    this.schedule(this.deps.delayMs ?? 1000);
  }

  private schedule(ms: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((error: unknown) => this.deps.logger.error({ err: error }, "card refresh failed"));
    }, ms);
    this.timer.unref?.();
  }

  /** Edits the dirty cards now (as far as the limits allow). Returns how many edits were made. */
  async flush(): Promise<number> {
    if (this.flushing) await this.flushing.catch(() => undefined);
    let edits = 0;
    const run = (async () => {
      const ids = [...this.dirty];
      this.dirty.clear();
      const rendered = new Map<string, View | null>();
      for (const [i, eventId] of ids.entries()) {
        // Prisma's SQLite calls resolve without touching the event loop, so a flush would otherwise run as one
        // long chain and hold up every tap behind it: let waiting work in between cards.
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        // Out of global budget: the rest waits for the next flush (one edit per card covers all changes since).
        if (this.deps.limiter.globalBudget(this.deps.now().getTime()) === 0) {
          for (const rest of ids.slice(i)) this.dirty.add(rest);
          break;
        }
        const messages = await this.deps.db.eventMessage.findMany({ where: { eventId } });
        let postponed = false;
        for (const m of messages) {
          if (!this.deps.limiter.tryTake(m.chatId, this.deps.now().getTime())) {
            postponed = true;
            continue;
          }
          if (await this.edit(m.id, m.chatId, m.messageId, eventId, rendered)) edits++;
        }
        if (postponed) this.dirty.add(eventId);
      }
    })();
    this.flushing = run;
    try {
      await run;
    } finally {
      this.flushing = null;
      if (this.dirty.size > 0) this.schedule(3000);
    }
    return edits;
  }

  private async edit(
    rowId: number,
    chatId: TelegramId,
    messageId: number,
    eventId: number,
    rendered: Map<string, View | null>,
  ): Promise<boolean> {
    const view = await this.deps.render(eventId, chatId, rendered);
    if (!view) return false;
    try {
      await this.deps.callApi("editMessageText", {
        chat_id: chatId,
        message_id: messageId,
        text: view.text,
        ...sendOptions(view),
      });
      await this.deps.db.eventMessage.update({ where: { id: rowId }, data: { editedAt: this.deps.now() } });
      return true;
    } catch (error) {
      if (error instanceof GrammyError && /not modified/i.test(error.description)) return false;
      if (
        error instanceof GrammyError &&
        /message to edit not found|message can't be edited/i.test(error.description)
      ) {
        await this.deps.db.eventMessage.delete({ where: { id: rowId } }).catch(() => undefined);
        return false;
      }
      if (error instanceof GrammyError && error.error_code === 429) {
        this.deps.limiter.pause(chatId, error.parameters.retry_after ?? 5, this.deps.now().getTime());
        this.dirty.add(eventId);
        return false;
      }
      this.deps.logger.warn({ err: error, eventId, chatId: String(chatId) }, "could not update an event card");
      return false;
    }
  }

  /** One last flush (as far as the limits allow), then no more timers. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
