import type { YiqiContext } from "./context.ts";

/** A toast (or alert) in the person's own language: only the one who tapped sees it. */
export const toast = (ctx: YiqiContext, key: string, args?: Record<string, string | number>, alert = false) =>
  ctx.answerCallbackQuery({ text: ctx.tp(key, args), show_alert: alert });

/** How long a tap on a card that is not (yet) recorded waits for it: 3 × 200 ms. */
const STALE_RETRIES = 3;
const STALE_RETRY_MS = 200;

/**
 * Runs a tap on a card, again while it answers "stale": a card is recorded once Telegram has answered its
 * sendMessage, so a tap that arrives in between looks stale. The record gets a moment before the tap is
 * refused (a forged button waits the same and is still refused).
 */
export async function untilCardRecorded<T extends { kind: string }>(tap: () => Promise<T>): Promise<T> {
  let outcome = await tap();
  for (let retry = 0; outcome.kind === "stale" && retry < STALE_RETRIES; retry++) {
    await new Promise((resolve) => setTimeout(resolve, STALE_RETRY_MS));
    outcome = await tap();
  }
  return outcome;
}
