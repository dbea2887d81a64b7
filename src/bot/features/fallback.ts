import { Composer } from "grammy";
import type { YiqiContext } from "../context.ts";

/** Last in the chain: every button gets an answer (so no client spins), unknown private text gets a hint. */
export function fallbackFeature(): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") }));
  feature.chatType("private").on("message", (ctx) => ctx.reply(ctx.t("fallback-private")));
  return feature;
}
