/**
 * Yiqi as a library: mount its events in a bot that already exists.
 *
 *   const yiqi = await createYiqi({ token, databaseUrl });
 *   bot.use(yiqi.grammy);            // grammY
 *   bot.use(yiqi.telegraf());        // or Telegraf 4
 *   await yiqi.start();              // Yiqi's sender and scheduler; the host keeps its own update loop
 *
 * Yiqi answers only what is its own (its commands, buttons, conversations and
 * service messages) and passes everything else to the host's next middleware.
 * It never sets the bot's command menu: `commands()` / `commandMenus()` give
 * its entries for the host to merge with its own.
 */
import { Api, type Composer, type Context } from "grammy";
import type { BotCommand } from "grammy/types";
import { allowedUpdates } from "./app.ts";
import { type CommandMenu, commandList, commandMenus } from "./bot/commands.ts";
import { yiqiComposer } from "./bot/create-bot.ts";
import type { Locale } from "./config/config.ts";
import type { Sender } from "./delivery/sender.ts";
import { embeddedConfig, type YiqiOptions } from "./embed/options.ts";
import { apiOverTelegraf, type TelegrafMiddleware, telegrafMiddleware } from "./embed/telegraf.ts";
import { createLogger } from "./log.ts";
import type { Scheduler } from "./scheduler/index.ts";
import type { Services } from "./services/services.ts";
import { botApiCaller, createDelivery, openServices } from "./wiring.ts";

export type { CommandMenu } from "./bot/commands.ts";
export { ConfigError } from "./config/config.ts";
export type { YiqiOptions } from "./embed/options.ts";
export type { TelegrafContextLike, TelegrafMiddleware, TelegrafTelegram } from "./embed/telegraf.ts";

/** Commands a host keeps for itself: Yiqi does not answer them embedded, so it does not offer them either. */
const hostCommands = ["help"] as const;

export interface Yiqi {
  /** Yiqi's features as one grammY Composer, for `bot.use()` */
  grammy: Composer<Context>;
  /** the same features as Telegraf 4 middleware, for `bot.use()`; replies go through the host's `ctx.telegram` */
  telegraf(): TelegrafMiddleware;
  /** the update kinds Yiqi needs (member changes included): add them to the host's `allowed_updates` */
  allowedUpdates: typeof allowedUpdates;
  /** Yiqi's commands in one language, to merge into the host's `setMyCommands` */
  commands(locale?: Locale): BotCommand[];
  /** Yiqi's commands for every language it speaks and the default menu */
  commandMenus(): CommandMenu[];
  services: Services;
  sender: Sender;
  scheduler: Scheduler;
  /** starts Yiqi's sender (reminders, notices, cards) and, unless turned off, its scheduler */
  start(): Promise<void>;
  /** stops them, flushes what is pending, and closes the database */
  stop(): Promise<void>;
}

/** Opens (and migrates) Yiqi's database and builds its features; nothing talks to Telegram until `start()`. */
export async function createYiqi(options: YiqiOptions = {}): Promise<Yiqi> {
  const config = embeddedConfig(options);
  const logger = (options.logger ?? createLogger(config.logLevel)).child({ part: "yiqi" });
  const now = options.now ?? (() => new Date());
  const { database, translator, services } = await openServices(config, logger, now);
  const api = options.telegram
    ? apiOverTelegraf(options.telegram)
    : new Api(config.botToken, config.apiRoot ? { apiRoot: config.apiRoot } : {});
  let username = "";
  const { sender, scheduler, cards } = createDelivery({
    services,
    callApi: botApiCaller(api),
    limits: options.limits,
    instanceId: config.instanceId,
    botUsername: () => username,
  });
  const composer = yiqiComposer(services, logger, { embedded: true });
  let state: "built" | "started" | "stopped" = "built";

  return {
    grammy: composer,
    telegraf: () => telegrafMiddleware(composer),
    allowedUpdates,
    commands: (locale = config.defaultLocale) => commandList(translator, locale, hostCommands),
    commandMenus: () => commandMenus(translator, hostCommands),
    services,
    sender,
    scheduler,
    async start() {
      if (state !== "built") return;
      state = "started";
      username = (await api.getMe()).username;
      const recovered = await services.outbox.recover(now());
      if (recovered.missed + recovered.interrupted + recovered.requeued > 0) logger.info(recovered, "outbox recovered");
      sender.start();
      if (config.schedulerEnabled) scheduler.start();
      logger.info({ bot: username, database: database.kind }, "Yiqi is ready inside the host bot");
    },
    async stop() {
      if (state === "stopped") return;
      state = "stopped";
      await scheduler.stop();
      await cards.stop();
      await services.chats.flushMembers();
      await sender.stop();
      await services.processedUpdates.settled();
      await database.close();
    },
  };
}
