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

/** Updates of one chat are handled in order; different chats run concurrently. */
export function updateOrderKey(ctx: YiqiContext): string | undefined {
  return ctx.chat?.id.toString() ?? ctx.from?.id.toString();
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
