import type { BotError } from "grammy";
import type { YiqiContext } from "./context.ts";

/** Logs the failed update with its id and tells the user briefly; the bot keeps running. */
export async function handleBotError(err: BotError<YiqiContext>): Promise<void> {
  const ctx = err.ctx;
  const log = ctx.log ?? console;
  log.error({ err: err.error, updateId: ctx.update.update_id }, "update failed");
  const say = (t: YiqiContext["t"] | undefined) => (t ? t("error-generic") : "Sorry, something went wrong.");
  try {
    // a toast is the person's own; a reply is seen by the whole chat
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: say(ctx.tp) });
    else if (ctx.chat) await ctx.reply(say(ctx.t));
  } catch (replyError) {
    log.warn({ err: replyError, updateId: ctx.update.update_id }, "could not tell the user about the failure");
  }
}
