import type { Update } from "grammy/types";
import { ApiError } from "./api-error.ts";
import type { WebhookSender, WebhookSettings } from "./webhook.ts";

type UpdatePayload = Omit<Update, "update_id">;

interface PollRequest {
  offset: number | undefined;
  limit: number;
  timeoutMs: number;
  allowedUpdates: string[] | undefined;
}

interface WaitingPoll {
  limit: number;
  finish: (updates: Update[]) => void;
  fail: (error: ApiError) => void;
}

/** Update types Telegram leaves out when `allowed_updates` is empty (its default). */
const OPT_IN_UPDATES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
const MAX_LIMIT = 100;

/**
 * The bot's pending updates and the `getUpdates` long poll: an offset confirms earlier updates, a poll returns as
 * soon as an update arrives, and a second concurrent poll terminates the first with 409 like Telegram.
 */
export class UpdateQueue {
  private readonly queue: Update[] = [];
  private nextUpdateId = 1;
  private allowedUpdates: string[] = [];
  private waiting: WaitingPoll | undefined;

  constructor(
    private readonly onChange: () => void,
    /** while a webhook is set, updates are POSTed there instead of waiting for getUpdates */
    readonly webhook: WebhookSender,
  ) {}

  /** setWebhook: updates (those queued too) go to the webhook from now on, filtered by `allowed_updates`. */
  setWebhook(settings: WebhookSettings, allowedUpdates: string[] | undefined): void {
    if (allowedUpdates !== undefined) this.allowedUpdates = allowedUpdates;
    this.webhook.set(settings);
    this.waiting?.fail(new ApiError(409, "Conflict: terminated by setWebhook request"));
    for (const update of this.take(MAX_LIMIT * 1000)) this.webhook.offer(update);
    this.queue.length = 0;
    this.onChange();
  }

  /**
   * Queues an update. While a poll is waiting, the bot's `allowed_updates` are known and an update it does not accept
   * is dropped at once, as Telegram does; updates queued before the bot polls are filtered when it polls.
   */
  push(payload: UpdatePayload): void {
    const update = { update_id: this.nextUpdateId++, ...payload } as Update;
    const waiting = this.waiting;
    if ((waiting || this.webhook.active) && !this.isAllowed(update)) return;
    if (this.webhook.offer(update)) {
      this.onChange();
      return;
    }
    this.queue.push(update);
    waiting?.finish(this.take(waiting.limit));
    this.onChange();
  }

  /** Updates queued and not yet confirmed by a later offset. */
  get pending(): number {
    return this.queue.length;
  }

  /** Whether a long poll is waiting for updates. */
  get polling(): boolean {
    return this.waiting !== undefined;
  }

  poll(request: PollRequest, signal: AbortSignal): Promise<Update[]> {
    if (this.webhook.active) {
      return Promise.reject(
        new ApiError(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        ),
      );
    }
    if (request.allowedUpdates !== undefined) this.allowedUpdates = request.allowedUpdates;
    this.confirm(request.offset);
    const limit = Math.min(Math.max(request.limit, 1), MAX_LIMIT);
    const ready = this.take(limit);
    this.waiting?.fail(
      new ApiError(
        409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      ),
    );
    if (ready.length > 0 || request.timeoutMs <= 0) {
      this.onChange();
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", abort);
        if (this.waiting === waiting) this.waiting = undefined;
        this.onChange();
      };
      const waiting: WaitingPoll = {
        limit,
        finish: (updates) => {
          done();
          resolve(updates);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const abort = () => waiting.fail(new ApiError(499, "Client closed the request"));
      const timer = setTimeout(() => waiting.finish([]), request.timeoutMs);
      signal.addEventListener("abort", abort);
      this.waiting = waiting;
      this.onChange();
    });
  }

  /** Answers a waiting poll with no updates (used when the fake closes). */
  release(): void {
    this.waiting?.finish([]);
  }

  clear(): void {
    this.queue.length = 0;
    this.onChange();
  }

  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      this.queue.splice(0, Math.max(this.queue.length + offset, 0));
      return;
    }
    const firstKept = this.queue.findIndex((update) => update.update_id >= offset);
    this.queue.splice(0, firstKept < 0 ? this.queue.length : firstKept);
  }

  /** The first `limit` updates the bot accepts; updates of types it does not accept are dropped, as Telegram does. */
  private take(limit: number): Update[] {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const update = this.queue[i];
      if (update && !this.isAllowed(update)) this.queue.splice(i, 1);
    }
    return this.queue.slice(0, limit).map((update) => structuredClone(update));
  }

  private isAllowed(update: Update): boolean {
    const type = Object.keys(update).find((key) => key !== "update_id") ?? "";
    return this.allowedUpdates.length === 0 ? !OPT_IN_UPDATES.has(type) : this.allowedUpdates.includes(type);
  }
}
