import { GrammyError, InputFile } from "grammy";
import { apiId, type TelegramId } from "../telegram-id.ts";
import { keyboard, urlButton } from "../views/view.ts";
import type { YiqiContext } from "./context.ts";
import { deepLink } from "./rights.ts";

/**
 * The one way something reaches a person privately. A bot cannot write to
 * someone who never pressed Start (or blocked it): then they get a
 * `t.me/<bot>?start=<payload>` link instead — on a button, as the button's URL
 * (Telegram opens the private chat); after a command, as a reply with a button.
 * When it was sent from a group, the group hears where it went.
 */
export async function sendPrivately(
  ctx: YiqiContext,
  payload: string,
  send: (userId: TelegramId) => Promise<unknown>,
): Promise<unknown> {
  const user = await ctx.services.users.find(ctx.ids.user);
  if (!user?.startedBot) return offerLink(ctx, payload);
  try {
    await send(ctx.ids.user);
  } catch (error) {
    if (!(error instanceof GrammyError) || error.error_code !== 403) throw error;
    ctx.log.info({ err: error }, "private message refused; offering the deep link");
    await ctx.services.users.markBlocked(ctx.ids.user);
    return offerLink(ctx, payload);
  }
  const inGroup = ctx.chat?.type !== "private";
  if (ctx.callbackQuery) return ctx.answerCallbackQuery(inGroup ? { text: ctx.tp("toast-sent-private") } : {});
  if (inGroup) return ctx.reply(ctx.t("export-sent-private"));
}

/** A file privately (an export, a calendar), with the same fallback. */
export function sendFilePrivately(
  ctx: YiqiContext,
  payload: string,
  file: { bytes: Buffer; name: string; caption: string },
): Promise<unknown> {
  return sendPrivately(ctx, payload, (userId) =>
    ctx.api.sendDocument(apiId(userId), new InputFile(file.bytes, file.name), {
      caption: file.caption,
      parse_mode: "HTML",
    }),
  );
}

function offerLink(ctx: YiqiContext, payload: string): Promise<unknown> {
  const url = deepLink(ctx, payload);
  if (ctx.callbackQuery) return ctx.answerCallbackQuery({ url });
  return ctx.reply(ctx.t("export-start-first"), {
    reply_markup: keyboard([[urlButton(ctx.t("btn-open-private"), url)]]),
  });
}
