import type { RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { registerCommands } from "./bot/commands.ts";
import type { YiqiContext } from "./bot/context.ts";
import { createBot } from "./bot/create-bot.ts";
import type { FloodRules } from "./bot/flood-control.ts";
import { defaultPolling, type PollingOptions, startPolling } from "./bot/polling.ts";
import type { Config } from "./config/config.ts";
import type { CardRefresher } from "./delivery/card-refresher.ts";
import type { Limits, RateLimiter } from "./delivery/rate-limiter.ts";
import type { CallApi, Sender } from "./delivery/sender.ts";
import { createLogger, type Logger } from "./log.ts";
import { registerSecret } from "./redact.ts";
import type { Scheduler } from "./scheduler/index.ts";
import type { Services } from "./services/services.ts";
import { botApiCaller, createDelivery, openServices } from "./wiring.ts";

export const allowedUpdates = ["message", "callback_query", "my_chat_member", "chat_member"] as const;

export interface AppOptions {
  config: Config;
  logger?: Logger;
  /** the clock every service and job reads; tests pass a fake one */
  now?: () => Date;
  /** skip getMe (tests that never start the bot) */
  botInfo?: UserFromGetMe;
  limits?: Limits;
  /** how updates are fetched (tests shorten the long poll and the back-off); see bot/polling.ts */
  polling?: Partial<PollingOptions>;
  /** per-person flood control (bot/flood-control.ts); false turns it off (tests that press hundreds of buttons) */
  flood?: FloodRules | false;
  /** Bot API calls other than getUpdates are given up after this many seconds (default 20) */
  requestTimeoutSeconds?: number;
}

export interface App {
  config: Config;
  logger: Logger;
  services: Services;
  bot: Bot<YiqiContext>;
  sender: Sender;
  /** plans reminders and summaries; runs every minute once started unless SCHEDULER=off */
  scheduler: Scheduler;
  cards: CardRefresher;
  limiter: RateLimiter;
  /** the Bot API as the sender and the card refresher call it (ids as `TelegramId`) */
  callApi: CallApi;
  /** getMe, command menus, polling, sender; resolves once polling has started */
  start(): Promise<void>;
  /** stop taking updates, finish those in flight, flush cards, stop the sender, close the database */
  stop(): Promise<void>;
}

/** Builds the whole app: migrates and opens the database and wires every part. Nothing talks to Telegram yet. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  registerSecret(config.botToken); // never in a log line, a stored error or a message (src/redact.ts)
  const logger = options.logger ?? createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const { database, translator, services } = await openServices(config, logger, now);
  const bot = createBot(
    {
      token: config.botToken,
      apiRoot: config.apiRoot,
      botInfo: options.botInfo,
      timeoutSeconds: options.requestTimeoutSeconds,
      flood: options.flood,
    },
    services,
    logger,
  );

  const callApi = botApiCaller(bot.api);
  const { sender, scheduler, cards, limiter } = createDelivery({
    services,
    callApi,
    limits: options.limits,
    instanceId: config.instanceId,
    botUsername: () => bot.botInfo.username,
  });

  let runner: RunnerHandle | null = null;
  return {
    config,
    logger,
    services,
    bot,
    sender,
    scheduler,
    cards,
    limiter,
    callApi,
    async start() {
      await bot.init();
      await registerCommands(bot.api, translator);
      const recovered = await services.outbox.recover(now());
      if (recovered.missed + recovered.interrupted + recovered.requeued > 0) logger.info(recovered, "outbox recovered");
      sender.start();
      cards.start();
      if (config.schedulerEnabled) scheduler.start();
      const polling = { ...defaultPolling, ...options.polling };
      runner = startPolling(
        bot,
        { apiRoot: config.apiRoot },
        allowedUpdates,
        logger.child({ part: "polling" }),
        polling,
      );
      logger.info({ bot: bot.botInfo.username, database: database.kind, mode: config.botMode }, "Yiqi is ready");
    },
    async stop() {
      if (runner?.isRunning()) await runner.stop();
      await scheduler.stop();
      await cards.stop();
      await services.chats.flushMembers();
      await sender.stop();
      await database.close();
    },
  };
}
