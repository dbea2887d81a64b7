import type { NextFunction } from "grammy";
import type { Locale } from "../config/config.ts";
import type { Logger } from "../log.ts";
import type { Services } from "../services/services.ts";
import type { YiqiContext } from "./context.ts";

/** Gives every update its services, a child logger and the translator. */
export function attachServices(services: Services, logger: Logger) {
  return async (ctx: YiqiContext, next: NextFunction) => {
    ctx.services = services;
    ctx.log = logger.child({ updateId: ctx.update.update_id, chatId: ctx.chat?.id });
    ctx.locale = services.translator.defaultLocale;
    ctx.t = services.translator.for(ctx.locale);
    await next();
  };
}

/**
 * Records who and where, and picks the language: a group's own setting (or
 * its organisation's) when it has one, otherwise the user's Telegram
 * language, otherwise the default.
 */
export async function rememberAndLocalise(ctx: YiqiContext, next: NextFunction): Promise<void> {
  const { users, chats, translator } = ctx.services;
  if (ctx.from && !ctx.from.is_bot) await users.remember(ctx.from);
  let locale: Locale = translator.negotiate(ctx.from?.language_code);
  if (ctx.chat && ctx.chat.type !== "private" && ctx.chat.type !== "channel") {
    await chats.remember(ctx.chat);
    if (ctx.from && !ctx.from.is_bot) await chats.seen(ctx.chat.id, ctx.from.id);
    const profile = await chats.profile(ctx.chat.id);
    const chosen = profile?.locale ?? profile?.organisationLocale;
    if (chosen) locale = translator.negotiate(chosen);
  } else if (ctx.chat?.type === "private") {
    await chats.remember(ctx.chat);
  }
  ctx.locale = locale;
  ctx.t = translator.for(locale);
  await next();
}

/**
 * A message update that was already handled (redelivered after a crash
 * before the offset was confirmed) is skipped. Button taps are idempotent by
 * construction and skip this bookkeeping to stay one statement.
 */
export async function skipProcessedMessages(ctx: YiqiContext, next: NextFunction): Promise<void> {
  if (!ctx.message) return next();
  const db = ctx.services.database.prisma;
  const inserted = await db.$executeRaw`
    INSERT INTO "ProcessedUpdate" ("updateId", "processedAt") VALUES (${BigInt(ctx.update.update_id)}, ${ctx.services.now()})
    ON CONFLICT ("updateId") DO NOTHING`;
  if (inserted === 0) {
    ctx.log.info("update already processed; skipped");
    return;
  }
  await next();
}
