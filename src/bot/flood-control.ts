import type { Context, MiddlewareFn } from "grammy";
import type { Translator } from "../i18n/translator.ts";

/** A bucket of `burst` tokens refilled at `perSecond`: short bursts pass, a sustained stream is slowed. */
export interface FloodRule {
  burst: number;
  perSecond: number;
}

export interface FloodRules {
  buttons: FloodRule;
  commands: FloodRule;
}

/** Buttons: a quick double or triple tap is fine, 50 a second is not. Commands: about 30 a minute after a burst. */
export const defaultFloodRules = {
  buttons: { burst: 8, perSecond: 4 },
  commands: { burst: 10, perSecond: 0.5 },
} as const satisfies Record<string, FloodRule>;

interface Bucket {
  tokens: number;
  at: number;
  /** told "slow down" since it last had a token (a command flood is told once, not once per command) */
  warned: boolean;
}

/** Token buckets per key, in this process's memory (each instance keeps its own). */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: FloodRule,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes a token: "ok", or "slow" (first refusal since the last token) / "quiet" (refused again). */
  take(key: string): "ok" | "slow" | "quiet" {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      bucket = { tokens: this.rule.burst, at: now, warned: false };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.rule.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rule.perSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return "ok";
    }
    if (bucket.warned) return "quiet";
    bucket.warned = true;
    return "slow";
  }

  /** Drops buckets that have filled up again (they would start full anyway). */
  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.rule.perSecond >= this.rule.burst) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}

const isCommand = (ctx: Context) => ctx.message?.text?.startsWith("/") ?? false;

/**
 * Slows down one person hammering a button or a command, before anything touches the database: the excess
 * gets a short "slow down" toast (a command flood one reply) and is dropped. Per person, so nobody else waits.
 * The toast's language comes from the person's Telegram language (no database read).
 */
export function floodControl(
  translator: Translator,
  rules: FloodRules = defaultFloodRules,
  now: () => number = Date.now,
): MiddlewareFn<Context> {
  const buttons = new TokenBuckets(rules.buttons, now);
  const commands = new TokenBuckets(rules.commands, now);
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    const bucket = ctx.callbackQuery ? buttons : isCommand(ctx) ? commands : null;
    if (!bucket) return next();
    const verdict = bucket.take(String(userId));
    if (verdict === "ok") return next();
    const text = translator.t(translator.negotiate(ctx.from?.language_code), "flood-slow-down");
    try {
      // every button press must be answered or the client spins; a command flood hears it once
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
      else if (verdict === "slow" && ctx.chat?.type === "private") await ctx.reply(text);
    } catch {
      // a refused toast changes nothing: the excess is dropped either way
    }
  };
}
