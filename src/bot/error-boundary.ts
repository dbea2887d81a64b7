import { type BotError, GrammyError, HttpError } from "grammy";
import type { YiqiContext } from "./context.ts";

/** Whether the call that failed was the answer to the button itself (then a second answer cannot help). */
function answerFailed(error: unknown): boolean {
  if (error instanceof GrammyError) return error.method === "answerCallbackQuery";
  return error instanceof HttpError && error.message.includes("'answerCallbackQuery'");
}

/**
 * Logs the failed update with its id and tells the user briefly; the bot keeps running. When what failed was
 * the toast itself (Telegram kept answering 429, or the network), nothing more is sent: the action may have
 * been stored, and an error toast after it would say it was not.
 */
export async function handleBotError(err: BotError<YiqiContext>): Promise<void> {
  const ctx = err.ctx;
  const log = ctx.log ?? console;
  log.error({ err: err.error, updateId: ctx.update.update_id }, "update failed");
  if (answerFailed(err.error)) return;
  const say = (t: YiqiContext["t"] | undefined) => (t ? t("error-generic") : "Sorry, something went wrong.");
  try {
    // a toast is the person's own; a reply is seen by the whole chat
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: say(ctx.tp) });
    else if (ctx.chat) await ctx.reply(say(ctx.t));
  } catch (replyError) {
    log.warn({ err: replyError, updateId: ctx.update.update_id }, "could not tell the user about the failure");
  }
}
