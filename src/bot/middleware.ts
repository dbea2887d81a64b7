import type { Composer, Context, MiddlewareFn, NextFunction } from "grammy";
import type { Logger } from "../log.ts";
import type { Services } from "../services/services.ts";
import { telegramId } from "../telegram-id.ts";
import type { YiqiContext } from "./context.ts";
import { handleOnce, unclaimed } from "./once.ts";

/**
 * Gives every update its services, a child logger, its ids and the default
 * translator, then runs Yiqi's features on it, once across instances (bot/once.ts). Updates without a chat or
 * a sender (none of the kinds Yiqi asks for) and updates already handled stop here, or, embedded, pass to the
 * host's next middleware.
 */
export function withYiqi(
  services: Services,
  logger: Logger,
  features: Composer<YiqiContext>,
  mode: { embedded: boolean },
): MiddlewareFn<Context> {
  const run = features.middleware();
  return async (ctx, next) => {
    if (!ctx.chat || !ctx.from) {
      logger.debug({ updateId: ctx.update.update_id }, "update without a chat or a sender; not Yiqi's");
      return mode.embedded ? next() : undefined;
    }
    const locale = services.translator.defaultLocale;
    const ids = { chat: telegramId(ctx.chat.id), user: telegramId(ctx.from.id) };
    const t = services.translator.for(locale);
    const yiqi: YiqiContext = Object.assign(ctx, {
      services,
      log: logger,
      ids,
      locale,
      t,
      personalLocale: locale,
      tp: t,
      step: unclaimed,
    });
    // the update's own logger is made when something logs: most taps log nothing, and a child costs a little
    let log: Logger | undefined;
    const chatId = ctx.chat.id;
    Object.defineProperty(yiqi, "log", {
      get: () => {
        log ??= logger.child({ updateId: ctx.update.update_id, chatId });
        return log;
      },
      configurable: true,
      enumerable: true,
    });
    const handled = await handleOnce(yiqi, async () => {
      await run(yiqi, next);
    });
    if (!handled && mode.embedded) await next();
  };
}

/**
 * Records who and where, and picks the languages (services/languages.ts decides): the chat's for what the
 * whole chat sees (`t`), the person's for what only they see (`tp`). In a private chat both are the person's.
 */
export async function rememberAndLocalise(ctx: YiqiContext, next: NextFunction): Promise<void> {
  const { users, chats, languages, translator } = ctx.services;
  if (ctx.from && !ctx.from.is_bot) await users.remember(ctx.from);
  if (ctx.chat && ctx.chat.type !== "channel") await chats.remember(ctx.chat);
  const inGroup = ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
  if (inGroup && ctx.from && !ctx.from.is_bot) await chats.seen(ctx.ids.chat, ctx.ids.user);
  ctx.personalLocale =
    ctx.from && !ctx.from.is_bot
      ? await languages.ofPerson(ctx.ids.user, ctx.from.language_code)
      : languages.ofLanguageCode(ctx.from?.language_code);
  ctx.tp = translator.for(ctx.personalLocale);
  ctx.locale = inGroup ? await languages.ofChat(ctx.ids.chat, ctx.from?.language_code) : ctx.personalLocale;
  ctx.t = inGroup ? translator.for(ctx.locale) : ctx.tp;
  await next();
}
