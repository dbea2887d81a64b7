import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotConfig } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "../log.ts";
import type { Services } from "../services/services.ts";
import type { YiqiContext } from "./context.ts";
import { handleBotError } from "./error-boundary.ts";
import { generalFeature } from "./features/general.ts";
import { featureModules } from "./features/index.ts";
import { attachServices, rememberAndLocalise, skipProcessedMessages } from "./middleware.ts";

export interface BotOptions {
  token: string;
  apiRoot?: string;
  botInfo?: UserFromGetMe;
}

/**
 * Messages and member changes of one chat are handled in order (a
 * conversation's answers, a migration); button taps only need to be in order
 * per person, so a burst of taps in one busy group runs concurrently (the
 * sign-up itself is safe under concurrency). In a private chat, taps and
 * messages share one queue: both drive the same conversation.
 */
export function updateOrderKey(ctx: YiqiContext): string | undefined {
  if (ctx.callbackQuery && ctx.chat?.type !== "private") return `user:${ctx.callbackQuery.from.id}`;
  return ctx.chat ? `chat:${ctx.chat.id}` : ctx.from ? `user:${ctx.from.id}` : undefined;
}

/** Builds the grammY bot with every feature; nothing is started here. */
export function createBot(options: BotOptions, services: Services, logger: Logger): Bot<YiqiContext> {
  const config: BotConfig<YiqiContext> = {
    client: options.apiRoot ? { apiRoot: options.apiRoot } : {},
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  };
  const bot = new Bot<YiqiContext>(options.token, config);
  bot.use(sequentialize(updateOrderKey));
  bot.use(attachServices(services, logger));
  bot.use(skipProcessedMessages);
  bot.use(rememberAndLocalise);
  bot.use(generalFeature());
  for (const feature of featureModules(services)) bot.use(feature);
  bot.catch(handleBotError);
  return bot;
}
