import { tooManyRequests } from "./api-error.ts";

/** Telegram's sending limits; a kind is enforced only when it has a number. */
export interface RateLimitConfig {
  /** Messages per second into one private chat (Telegram: about 1). */
  perPrivateChatPerSecond?: number;
  /** Messages per minute into one group or supergroup (Telegram: 20). */
  perGroupPerMinute?: number;
  /** Messages per second across all chats (Telegram: about 30). */
  globalPerSecond?: number;
}

export type RateLimitKind = keyof RateLimitConfig;

/** Telegram's published limits, to pass as `limits` when a test wants all of them. */
export const TELEGRAM_LIMITS: Required<RateLimitConfig> = {
  perPrivateChatPerSecond: 1,
  perGroupPerMinute: 20,
  globalPerSecond: 30,
};

const WINDOW_MS: Record<RateLimitKind, number> = {
  perPrivateChatPerSecond: 1000,
  perGroupPerMinute: 60_000,
  globalPerSecond: 1000,
};

/** Sliding-window limits on sent messages, answered with 429 and a `retry_after` computed from the window. */
export class RateLimits {
  private config: RateLimitConfig;
  private readonly sent = new Map<string, number[]>();
  private readonly hitCounts: Record<RateLimitKind, number> = {
    perPrivateChatPerSecond: 0,
    perGroupPerMinute: 0,
    globalPerSecond: 0,
  };

  constructor(config: RateLimitConfig = {}) {
    this.config = { ...config };
  }

  /** Replaces the whole configuration (`{}` turns every limit off). */
  configure(config: RateLimitConfig): void {
    this.config = { ...config };
  }

  /** How many 429s each kind of limit has answered. */
  hits(): Record<RateLimitKind, number> {
    return { ...this.hitCounts };
  }

  /** Admits one message into `chatId` at `now`, or throws the 429 Telegram would answer. */
  admit(chatId: number, isGroup: boolean, now: number): void {
    const checks: [RateLimitKind, string][] = [
      [isGroup ? "perGroupPerMinute" : "perPrivateChatPerSecond", `chat:${chatId}`],
      ["globalPerSecond", "global"],
    ];
    for (const [kind, key] of checks) {
      const retryAfter = this.retryAfter(kind, key, now);
      if (retryAfter !== undefined) {
        this.hitCounts[kind] += 1;
        throw tooManyRequests(retryAfter);
      }
    }
    for (const [kind, key] of checks) this.sent.get(`${kind}:${key}`)?.push(now);
  }

  private retryAfter(kind: RateLimitKind, key: string, now: number): number | undefined {
    const limit = this.config[kind];
    if (limit === undefined) return undefined;
    const windowMs = WINDOW_MS[kind];
    const id = `${kind}:${key}`;
    const times = (this.sent.get(id) ?? []).filter((time) => time > now - windowMs);
    this.sent.set(id, times);
    const blocking = times[times.length - limit];
    if (blocking === undefined) return undefined;
    return Math.max(1, Math.ceil((blocking + windowMs - now) / 1000));
  }
}
