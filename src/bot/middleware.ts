import type { NextFunction } from "grammy";
import type { Logger } from "../log.ts";
import type { Services } from "../services/services.ts";
import { telegramId } from "../telegram-id.ts";
import type { YiqiContext } from "./context.ts";

/**
 * Gives every update its services, a child logger, its ids and the default
 * translator. Updates without a chat or a sender (none of the kinds Yiqi asks
 * for) stop here.
 */
export function attachServices(services: Services, logger: Logger) {
  return async (ctx: YiqiContext, next: NextFunction) => {
    ctx.services = services;
    ctx.log = logger.child({ updateId: ctx.update.update_id, chatId: ctx.chat?.id });
    ctx.locale = services.translator.defaultLocale;
    ctx.t = services.translator.for(ctx.locale);
    if (!ctx.chat || !ctx.from) {
      ctx.log.debug("update without a chat or a sender; ignored");
      return;
    }
    ctx.ids = { chat: telegramId(ctx.chat.id), user: telegramId(ctx.from.id) };
    await next();
  };
}

/** Records who and where, and picks the language of the chat (services/languages.ts decides). */
export async function rememberAndLocalise(ctx: YiqiContext, next: NextFunction): Promise<void> {
  const { users, chats, languages, translator } = ctx.services;
  if (ctx.from && !ctx.from.is_bot) await users.remember(ctx.from);
  if (ctx.chat && ctx.chat.type !== "channel") await chats.remember(ctx.chat);
  const inGroup = ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
  if (inGroup && ctx.from && !ctx.from.is_bot) await chats.seen(ctx.ids.chat, ctx.ids.user);
  ctx.locale = inGroup
    ? await languages.ofChat(ctx.ids.chat, ctx.from?.language_code)
    : languages.ofLanguageCode(ctx.from?.language_code);
  ctx.t = translator.for(ctx.locale);
  await next();
}

/**
 * A message update that was already handled (redelivered after a crash
 * before the offset was confirmed) is skipped. Button taps are idempotent by
 * construction and skip this bookkeeping to stay one statement.
 */
export async function skipProcessedMessages(ctx: YiqiContext, next: NextFunction): Promise<void> {
  if (!ctx.message) return next();
  if (!(await ctx.services.processedUpdates.firstTime(ctx.update.update_id, ctx.services.now()))) {
    ctx.log.info("update already processed; skipped");
    return;
  }
  await next();
}
