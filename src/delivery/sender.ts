import { GrammyError } from "grammy";
import type { Logger } from "../log.ts";
import { type TelegramId, telegramId } from "../telegram-id.ts";
import { classifyFailure } from "./failures.ts";
import { type ApiCall, guaranteeOf, isDeliveryKind } from "./kinds.ts";
import { Outage } from "./outage.ts";
import { type Delivery, LEASE_MS, type Outbox } from "./outbox.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { Renderer } from "./render.ts";

export type { ApiCall } from "./kinds.ts";

/**
 * Makes a Bot API call. Ids in `params` (e.g. `chat_id`) are `TelegramId`s;
 * the function given by the app turns them into the numbers the Bot API's JSON
 * takes, so nothing in delivery converts ids itself.
 */
export type CallApi = (method: string, params: Record<string, unknown>) => Promise<unknown>;

export interface SenderDeps {
  outbox: Outbox;
  limiter: RateLimiter;
  callApi: CallApi;
  render: Renderer;
  instanceId: string;
  now: () => Date;
  logger: Logger;
  /** the chat removed/blocked the bot or the user blocked it */
  onChatGone: (chatId: TelegramId, reason: string) => Promise<void>;
  onChatMigrated: (fromId: TelegramId, toId: TelegramId) => Promise<void>;
  /** after a delivery was sent and recorded, with Telegram's answer (e.g. to remember a reminder as a card) */
  onSent?: (delivery: Delivery, result: unknown) => Promise<void>;
  /** every outcome recorded (sent, failed, missed, retry, rate_limited, …), for metrics */
  onOutcome?: (kind: string, status: string) => void;
}

/** Transient failures are retried with this back-off (capped), until the delivery's `expiresAt`. */
const backoffMs = (attempt: number) => Math.min(60_000, 2000 * 2 ** Math.min(10, Math.max(0, attempt - 1)));
/** Every running sender sweeps expired leases this often (not only at start). */
const SWEEP_MS = 60_000;

/** Is this error Telegram telling us the chat is gone for good (bot kicked, blocked, chat deleted)? */
export function isChatGone(error: GrammyError): boolean {
  if (error.error_code === 403) return true;
  return (
    error.error_code === 400 && /chat not found|group chat was deactivated|PEER_ID_INVALID/i.test(error.description)
  );
}

/** What rendering a delivery gave: the call to make (null: no longer relevant), or the error it threw. */
type Rendered = { call: ApiCall | null } | { error: unknown };

/** A delivery that was sent and is not yet recorded as sent. */
interface Sent {
  delivery: Delivery;
  result: unknown;
  at: Date;
}

/** A peeked delivery rendered in advance is used only this soon after (its text is rendered at send time). */
const PREPARED_FRESH_MS = 2000;
/**
 * How the sender waits when it found nothing to send. For this long after a nudge or a send it looks again every
 * interval (a row may commit a moment after the nudge that announced it; a send may be followed by more).
 */
export const BUSY_MS = 2000;
/**
 * After that it sleeps until the next pending delivery falls due, but never longer than this: every row written
 * here or on another instance comes with a nudge (over the change bus from another instance), so this only
 * bounds how late a row is whose nudge was lost (a bus that was down), and how late the lease sweep runs.
 */
export const IDLE_MAX_MS = 5000;

/**
 * Drains the outbox under Telegram's limits: claims a due delivery (never for a chat that is over its own limit,
 * never beyond the global window), sends it, records the outcome, and claims the next. One message is in flight
 * at a time, and only it is `sending`: a sender killed mid-way leaves at most that one claim behind (an
 * at-most-once kind is then lost, never doubled), not a batch.
 *
 * What keeps that from bounding throughput by the per-message database work: while a call is in flight the
 * sender already looks up the next due delivery and renders it (without claiming it), and between two calls
 * one statement both records the previous as sent and claims the next (`markSentAndClaim`). So the time
 * between two sends is the Bot API's round trip plus one short statement. One tick is a bounded amount of
 * work (at most the global window's free room); `start` repeats ticks until stopped.
 */
export class Sender {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private stopping = false;
  private readonly bookkeeping = new Set<Promise<void>>();
  private lastSweep = 0;
  private readonly outage: Outage;
  /** the next due delivery, peeked and rendered while the one before was in flight (not claimed) */
  private prepared: { delivery: Delivery; rendered: Rendered; at: number } | null = null;
  /** the last nudge or send (monotonic time, not `now()`): until `BUSY_MS` after it, the outbox is looked at every interval */
  private busyAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: SenderDeps) {
    this.outage = new Outage(deps.logger, "sending from the outbox");
  }

  /**
   * Returns expired leases (of a sender that died or hung) to the outbox by their kind's guarantee; runs in
   * every instance once a minute.
   */
  async sweep(): Promise<void> {
    const t = this.deps.now();
    this.lastSweep = t.getTime();
    const recovered = await this.deps.outbox.recover(t);
    if (recovered.interrupted + recovered.requeued > 0) this.deps.logger.info(recovered, "expired claims recovered");
  }

  /** One pass: claims and sends one delivery after another, as far as the global window allows; returns how many. */
  async tick(): Promise<number> {
    const { limiter, now } = this.deps;
    const budget = limiter.globalBudget(now().getTime());
    let handled = 0;
    let sent: Sent | null = null;
    try {
      while (handled < budget && !this.stopping) {
        const t = now();
        if (limiter.globalBudget(t.getTime()) === 0) break;
        const previous = sent;
        sent = null;
        const next = await this.claimNext(previous, t);
        if (!next) break;
        // the one after this is looked up and rendered while this one is in flight
        const preparing = this.prepare(next.delivery.chatId);
        sent = await this.deliver(next.delivery, next.rendered);
        await preparing;
        handled++;
      }
    } finally {
      if (sent) await this.record(sent, null, now());
    }
    await this.settled();
    return handled;
  }

  /**
   * Records `sent` (if any) and claims the next delivery: the prepared one in the same statement when it is
   * still fresh and its chat can take it, otherwise the next due one by the usual claim.
   */
  private async claimNext(sent: Sent | null, t: Date): Promise<{ delivery: Delivery; rendered?: Rendered } | null> {
    const { outbox, limiter, instanceId } = this.deps;
    const prepared = this.prepared;
    this.prepared = null;
    const usable =
      prepared &&
      Math.abs(t.getTime() - prepared.at) <= PREPARED_FRESH_MS &&
      limiter.waitFor(prepared.delivery.chatId, t.getTime()) === 0;
    if (usable) {
      const claimed = await this.record(sent, prepared.delivery, t);
      if (claimed) return { delivery: claimed, rendered: prepared.rendered };
    } else if (sent) {
      await this.record(sent, null, t);
    }
    const [claimed] = await outbox.claim(instanceId, t, 1, limiter.blockedChats(t.getTime()));
    return claimed ? { delivery: claimed } : null;
  }

  /** Records a sent delivery (with the claim of `next` in the same statement, if given); returns `next` if claimed. */
  private async record(sent: Sent | null, next: Delivery | null, t: Date): Promise<Delivery | null> {
    const { outbox, instanceId, logger } = this.deps;
    let claimed: Delivery | null = null;
    if (next)
      claimed = await outbox.markSentAndClaim(sent && { id: sent.delivery.id, at: sent.at }, next, instanceId, t);
    else if (sent) await outbox.markSent(sent.delivery.id, sent.at);
    if (sent) {
      const d = sent.delivery;
      this.outcome(d, "sent");
      // the bookkeeping after a send (a reminder becoming a card of its event) need not hold up the next message
      const after = this.deps.onSent?.(d, sent.result).catch((error: unknown) => {
        logger.error({ err: error, delivery: d.key }, "after-send bookkeeping failed");
      });
      if (after) {
        this.bookkeeping.add(after);
        void after.finally(() => this.bookkeeping.delete(after));
      }
    }
    return claimed;
  }

  /** Looks up the next due delivery (not in `busyChat`, nor a chat over its limit) and renders it, unclaimed. */
  private async prepare(busyChat: TelegramId): Promise<void> {
    const { outbox, limiter, now, logger } = this.deps;
    try {
      const t = now();
      const delivery = await outbox.peek(t, [...limiter.blockedChats(t.getTime()), busyChat]);
      if (!delivery) return;
      this.prepared = { delivery, rendered: await this.render(delivery), at: t.getTime() };
    } catch (error) {
      // only a head start: the next claim looks for it again
      logger.debug({ err: error }, "could not prepare the next delivery");
    }
  }

  private outcome(d: Delivery, status: string): void {
    this.deps.onOutcome?.(d.kind, status);
  }

  /** Sends a claimed delivery; returns it once Telegram answered (to be recorded), or null when it was settled otherwise. */
  private async deliver(d: Delivery, rendered?: Rendered): Promise<Sent | null> {
    const { outbox, limiter, now, logger } = this.deps;
    const t = now();
    if (d.expiresAt && d.expiresAt.getTime() <= t.getTime()) {
      await outbox.finish(d.id, "missed", "no longer useful when its turn came");
      this.outcome(d, "missed");
      return null;
    }
    const chatId = d.chatId;
    if (!limiter.tryTake(chatId, t.getTime())) {
      await outbox.retryAt(d.id, new Date(t.getTime() + limiter.waitFor(chatId, t.getTime())), null, false);
      return null;
    }
    const outcome = rendered ?? (await this.render(d));
    if ("error" in outcome) {
      const error = outcome.error;
      logger.error({ err: error, delivery: d.key }, "could not render delivery");
      await outbox.finish(d.id, "failed", `render: ${error instanceof Error ? error.message : String(error)}`);
      this.outcome(d, "failed");
      return null;
    }
    const call = outcome.call;
    if (!call) {
      await outbox.finish(d.id, "dropped", "no longer relevant");
      this.outcome(d, "dropped");
      return null;
    }
    // the claim is a lease: renewed while the call is in flight, so only a dead sender's claims expire
    const renew = setInterval(() => void outbox.renew(d.id, now()).catch(() => undefined), LEASE_MS / 3);
    renew.unref?.();
    try {
      const result = await this.deps.callApi(call.method, { ...call.params, chat_id: chatId });
      limiter.settle(chatId, t.getTime(), now().getTime());
      return { delivery: d, result, at: now() };
    } catch (error) {
      await this.handleFailure(d, error);
      return null;
    } finally {
      clearInterval(renew);
    }
  }

  private async render(d: Delivery): Promise<Rendered> {
    try {
      return { call: await this.deps.render(d) };
    } catch (error) {
      return { error };
    }
  }

  /** Waits for the bookkeeping of deliveries already sent. */
  async settled(): Promise<void> {
    while (this.bookkeeping.size > 0) await Promise.all([...this.bookkeeping]);
  }

  private async handleFailure(d: Delivery, error: unknown): Promise<void> {
    const { outbox, limiter, now, logger } = this.deps;
    const t = now().getTime();
    const chatId = d.chatId;
    if (error instanceof GrammyError) {
      const migratedTo = error.parameters.migrate_to_chat_id;
      if (migratedTo !== undefined) {
        const to = telegramId(migratedTo);
        await this.deps.onChatMigrated(d.chatId, to);
        await outbox.redirect(d.id, to, new Date(t), `chat migrated to ${migratedTo}`);
        this.outcome(d, "redirected");
        return;
      }
      if (isChatGone(error)) {
        await outbox.finish(d.id, "skipped", error.description);
        this.outcome(d, "skipped");
        await this.deps.onChatGone(d.chatId, error.description);
        return;
      }
    }
    const failure = classifyFailure(error);
    switch (failure.kind) {
      case "rate-limited":
        limiter.pause(chatId, failure.retryAfter, t);
        await outbox.retryAt(
          d.id,
          new Date(t + failure.retryAfter * 1000),
          `429: retry after ${failure.retryAfter}s`,
          false,
        );
        this.outcome(d, "rate_limited");
        return;
      case "refused":
        logger.warn({ delivery: d.key, error: failure.reason }, "delivery refused by Telegram");
        await outbox.finish(d.id, "failed", failure.reason);
        this.outcome(d, "failed");
        return;
      case "ambiguous":
        // Telegram may have performed it: an at-most-once delivery is never sent a second time.
        if (!isDeliveryKind(d.kind) || guaranteeOf(d.kind) === "at-most-once") {
          await outbox.finish(d.id, "failed", `answer lost, not sent again (at-most-once): ${failure.reason}`);
          this.outcome(d, "failed");
          return;
        }
        await this.retry(d, failure.reason, t);
        return;
      case "not-sent":
        await this.retry(d, failure.reason, t);
        return;
    }
  }

  /** Again after a capped back-off, for as long as the delivery is useful (its `expiresAt`). */
  private async retry(d: Delivery, reason: string, t: number): Promise<void> {
    const at = t + backoffMs(d.attempts);
    if (d.expiresAt && d.expiresAt.getTime() <= at) {
      await this.deps.outbox.finish(d.id, "missed", `no longer useful before it could be sent: ${reason}`);
      this.outcome(d, "missed");
      return;
    }
    await this.deps.outbox.retryAt(d.id, new Date(at), reason);
    this.outcome(d, "retry");
  }

  /** Starts draining in the background; ticks every `intervalMs` or sooner when `nudge` is called. */
  start(intervalMs = 200): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loop = (async () => {
      while (this.running) {
        let wait = 0;
        const backoff = await this.outage.run(async () => {
          if (this.deps.now().getTime() - this.lastSweep >= SWEEP_MS) await this.sweep();
          const handled = await this.tick();
          if (handled > 0) this.busyAt = performance.now();
          else wait = await this.idleWait(intervalMs);
        });
        if (!this.running) break;
        if (backoff > 0) {
          // the database (or something under it) is down: logged once, tried again after a capped back-off
          await this.sleep(backoff);
        } else if (wait > 0) {
          // a nudge while the outbox was being looked at counts as one during the sleep
          await this.sleep(performance.now() - this.busyAt < BUSY_MS ? Math.min(wait, intervalMs) : wait);
        }
      }
    })();
  }

  /**
   * Nothing was sent: how long to wait before looking again. The interval, or less when only the global window
   * was full; once `BUSY_MS` passed since the last nudge or send, until the next delivery falls due (at most
   * `IDLE_MAX_MS`), so an idle bot asks the database twice every few seconds instead of five times a second.
   */
  private async idleWait(intervalMs: number): Promise<number> {
    const { limiter, now, outbox } = this.deps;
    const t = now().getTime();
    if (limiter.globalBudget(t) === 0) return Math.min(intervalMs, Math.max(1, limiter.globalWait(t)));
    if (performance.now() - this.busyAt < BUSY_MS) return intervalMs;
    const next = await outbox.nextDueAt();
    // due already (its chat is over its own limit): as before, look again every interval
    const until = next ? next.getTime() - now().getTime() : IDLE_MAX_MS;
    return Math.min(IDLE_MAX_MS, Math.max(intervalMs, until));
  }

  /** Waits `ms`, or less when nudged or stopped. */
  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = null;
  }

  /** Something was enqueued: look now, and every interval for a little while (`BUSY_MS`). */
  nudge(): void {
    this.busyAt = performance.now();
    this.wake?.();
  }

  /** Stops after the deliveries in flight are recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
    this.prepared = null;
    await this.settled();
  }
}
