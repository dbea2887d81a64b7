import { isPrivateChatId, type TelegramId } from "../telegram-id.ts";

/**
 * Telegram's sending limits as sliding windows (the Bot FAQ's numbers):
 * about 30 messages per second overall, 20 per minute into one group, and
 * about one per second into one private chat. A 429's `retry_after` pauses a
 * chat (or everything) for that long. In-process: with several instances
 * only the sending leader sends (cluster/leader.ts), and a new leader first
 * `seed`s its windows with what was sent in the last minute.
 */
export interface Limits {
  globalPerSecond: number;
  groupPerMinute: number;
  privatePerSecond: number;
}

export const telegramLimits: Limits = { globalPerSecond: 30, groupPerMinute: 20, privatePerSecond: 1 };

class Window {
  private readonly stamps: number[] = [];
  constructor(
    readonly size: number,
    readonly spanMs: number,
  ) {}

  private prune(now: number): void {
    while ((this.stamps[0] ?? Number.POSITIVE_INFINITY) <= now - this.spanMs) this.stamps.shift();
  }

  /** Milliseconds until one more fits (0 = now). */
  wait(now: number): number {
    this.prune(now);
    // the stamp that must leave the window before one more fits (seeding may leave more than `size`)
    const blocking = this.stamps[this.stamps.length - this.size];
    return this.stamps.length < this.size || blocking === undefined ? 0 : blocking + this.spanMs - now;
  }

  free(now: number): number {
    this.prune(now);
    return Math.max(0, this.size - this.stamps.length);
  }

  take(now: number): void {
    this.stamps.push(now);
  }

  /** Adds a stamp at `at`, keeping the stamps in order. */
  insert(at: number): void {
    let i = this.stamps.length;
    while (i > 0 && (this.stamps[i - 1] ?? at) > at) i--;
    this.stamps.splice(i, 0, at);
  }

  /** Moves a stamp from `from` to the later instant `to`, keeping the stamps in order. */
  move(from: number, to: number): void {
    const at = this.stamps.indexOf(from);
    if (at === -1) return;
    this.stamps.splice(at, 1);
    let i = this.stamps.length;
    while (i > 0 && (this.stamps[i - 1] ?? to) > to) i--;
    this.stamps.splice(i, 0, to);
  }

  idle(now: number): boolean {
    this.prune(now);
    return this.stamps.length === 0;
  }
}

export class RateLimiter {
  private readonly global: Window;
  private readonly chats = new Map<TelegramId, Window>();
  private readonly pausedUntil = new Map<TelegramId, number>();
  private globalPausedUntil = 0;

  constructor(readonly limits: Limits = telegramLimits) {
    this.global = new Window(limits.globalPerSecond, 1000);
  }

  private chatWindow(chatId: TelegramId): Window {
    let w = this.chats.get(chatId);
    if (!w) {
      w = isPrivateChatId(chatId)
        ? new Window(this.limits.privatePerSecond, 1000)
        : new Window(this.limits.groupPerMinute, 60_000);
      this.chats.set(chatId, w);
    }
    return w;
  }

  /** Milliseconds until a message to this chat is allowed (0 = now). */
  waitFor(chatId: TelegramId, now: number): number {
    const paused = Math.max(this.globalPausedUntil, this.pausedUntil.get(chatId) ?? 0) - now;
    return Math.max(0, paused, this.global.wait(now), this.chatWindow(chatId).wait(now));
  }

  /** How many messages the global window allows right now. */
  globalBudget(now: number): number {
    return this.globalPausedUntil > now ? 0 : this.global.free(now);
  }

  /** How many messages this chat can take right now: what its own and the global window have left, 0 while paused. */
  room(chatId: TelegramId, now: number): number {
    if (this.waitFor(chatId, now) > 0) return 0;
    return Math.min(this.global.free(now), this.chatWindow(chatId).free(now));
  }

  /** Records a send if allowed now; false when the chat or the global window is full. */
  tryTake(chatId: TelegramId, now: number): boolean {
    if (this.waitFor(chatId, now) > 0) return false;
    this.global.take(now);
    this.chatWindow(chatId).take(now);
    return true;
  }

  /**
   * A message taken at `takenAt` was answered at `sentAt`: count it from then. Telegram counts a message when
   * it arrives, somewhere between the two; counting from the answer keeps our windows at least as strict as
   * Telegram's, so a full window never meets a 429.
   */
  settle(chatId: TelegramId, takenAt: number, sentAt: number): void {
    this.global.move(takenAt, sentAt);
    this.chats.get(chatId)?.move(takenAt, sentAt);
  }

  /** Milliseconds until the global window has room again (0 = now). */
  globalWait(now: number): number {
    return Math.max(0, this.globalPausedUntil - now, this.global.wait(now));
  }

  /** Chats that cannot take a message now (to leave them out of a claim). */
  blockedChats(now: number): TelegramId[] {
    const blocked: TelegramId[] = [];
    for (const [chatId, w] of this.chats) {
      if (w.wait(now) > 0 || (this.pausedUntil.get(chatId) ?? 0) > now) blocked.push(chatId);
      else if (w.idle(now)) this.chats.delete(chatId);
    }
    for (const [chatId, until] of this.pausedUntil) if (until <= now) this.pausedUntil.delete(chatId); // over: forgotten
    return blocked;
  }

  /**
   * A message to this chat went out at `at` (sent by another instance, e.g. the previous leader): counted in
   * the windows as if this limiter had sent it.
   */
  seed(chatId: TelegramId, at: number): void {
    this.global.insert(at);
    this.chatWindow(chatId).insert(at);
  }

  /** A 429 answered for this chat (or globally when chatId is null). */
  pause(chatId: TelegramId | null, retryAfterSeconds: number, now: number): void {
    const until = now + retryAfterSeconds * 1000;
    if (chatId === null) this.globalPausedUntil = Math.max(this.globalPausedUntil, until);
    else this.pausedUntil.set(chatId, Math.max(this.pausedUntil.get(chatId) ?? 0, until));
  }
}
