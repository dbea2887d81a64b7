import { randomUUID } from "node:crypto";
import type { RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { botApiHttp } from "./bot/bot-api-fetch.ts";
import { registerCommands } from "./bot/commands.ts";
import type { YiqiContext } from "./bot/context.ts";
import { createBot } from "./bot/create-bot.ts";
import type { FloodRules } from "./bot/flood-control.ts";
import { defaultPolling, type PollingOptions, startPolling } from "./bot/polling.ts";
import { type BusMessage, type Cluster, createCluster } from "./cluster/cluster.ts";
import type { Config } from "./config/config.ts";
import type { CardRefresher } from "./delivery/card-refresher.ts";
import type { Limits, RateLimiter } from "./delivery/rate-limiter.ts";
import { seedFromRecentSends } from "./delivery/recent-sends.ts";
import type { CallApi, Sender } from "./delivery/sender.ts";
import { createLogger, type Logger } from "./log.ts";
import { registerSecret } from "./redact.ts";
import type { Scheduler } from "./scheduler/index.ts";
import { HttpServer } from "./server/http-server.ts";
import { countApiCalls, countUpdates, databaseProbes } from "./server/instrument.ts";
import { Metrics } from "./server/metrics.ts";
import { webhookHandler } from "./server/webhook.ts";
import type { Services } from "./services/services.ts";
import { parseTelegramId } from "./telegram-id.ts";
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
  metrics: Metrics;
  /** the sending leader and the change bus (one instance on SQLite) */
  cluster: Cluster;
  /** webhook, /healthz, /readyz, /metrics: in webhook mode, and in polling mode when PORT is set */
  http: HttpServer | null;
  /** getMe, command menus, the HTTP server, polling or setWebhook; the sender once this instance leads */
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
  const metrics = new Metrics(databaseProbes(services));
  services.signups.onSignUp = metrics.countSignUp;
  const telegram = botApiHttp();
  const bot = createBot(
    {
      token: config.botToken,
      apiRoot: config.apiRoot,
      fetch: telegram.fetch,
      botInfo: options.botInfo,
      timeoutSeconds: options.requestTimeoutSeconds,
      flood: options.flood,
      before: [countUpdates(metrics)],
    },
    services,
    logger,
  );
  bot.api.config.use(countApiCalls(metrics));

  const callApi = botApiCaller(bot.api);
  // `cluster` is created below; these callbacks only run once the app is started
  let cluster: Cluster | null = null;
  const publish = (message: BusMessage) => cluster?.publish(message);
  const { sender, scheduler, cards, limiter } = createDelivery({
    services,
    callApi,
    limits: options.limits,
    instanceId: config.instanceId,
    botUsername: () => bot.botInfo.username,
    onOutcome: metrics.countDelivery,
    onCardsMarked: throttle(() => publish({ type: "cards" }), 300),
  });
  const nudgeHere = services.nudgeSender;
  services.nudgeSender = () => (cluster?.isLeader === false ? publish({ type: "outbox" }) : nudgeHere());
  services.chats.onForget = (chatId) => publish({ type: "chat", chatId: String(chatId) });
  services.users.onLocaleChanged = (userId) => publish({ type: "user", userId: String(userId) });

  const clusterLog = logger.child({ part: "cluster" });
  cluster = createCluster({
    databaseUrl: config.databaseUrl,
    database,
    // unique even when two hosts run the same process id: the bus ignores only its own notifications
    instanceId: `${config.instanceId}:${randomUUID().slice(0, 8)}`,
    logger,
    async onElected() {
      const seeded = await seedFromRecentSends(database.prisma, limiter, now());
      const recovered = await services.outbox.recover(now());
      clusterLog.info({ seeded, ...recovered }, "sending from this instance");
      sender.start();
      cards.setActive(true);
      // planning is the leader's too: one instance plans each minute, not every instance (fail-over with the lock)
      if (config.schedulerEnabled) scheduler.start();
    },
    async onDeposed() {
      cards.setActive(false);
      await scheduler.stop();
      await sender.stop();
    },
    onMessage(message) {
      if (message.type === "chat") {
        const chatId = parseTelegramId(message.chatId);
        if (chatId !== null) services.chats.forgetHere(chatId);
      } else if (message.type === "user") {
        const userId = parseTelegramId(message.userId);
        if (userId !== null) services.users.forgetLocaleHere(userId);
      } else if (message.type === "chats") services.chats.forgetAllHere();
      else if (message.type === "outbox") nudgeHere();
      else cards.poke();
    },
    onBusConnected: () => {
      services.chats.forgetAllHere();
      services.users.forgetAllLocalesHere();
      nudgeHere(); // an "outbox" nudge may have been missed while the bus was away (the sender sleeps when idle)
    },
  });

  let started = false;
  const http = config.http
    ? new HttpServer({
        ...config.http,
        logger: logger.child({ part: "http" }),
        metrics,
        ready: async () => started && bot.isInited() && (await databaseAnswers(services)),
        ...(config.webhook
          ? { webhook: { path: config.webhook.path, handle: webhookHandler(bot, config.webhook.secret, logger) } }
          : {}),
      })
    : null;

  let runner: RunnerHandle | null = null;
  const theCluster = cluster;
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
    metrics,
    cluster: theCluster,
    http,
    async start() {
      await http?.listen();
      await bot.init();
      await registerCommands(bot.api, translator);
      // until elected, this instance only marks cards; the leader edits them
      if (database.kind === "postgresql") cards.setActive(false);
      await theCluster.start();
      cards.start();
      if (config.webhook) {
        // every instance sets the same webhook: harmless, and whichever starts last leaves it as it was
        await bot.api.setWebhook(config.webhook.url, {
          secret_token: config.webhook.secret,
          allowed_updates: [...allowedUpdates],
        });
      } else {
        const polling = { ...defaultPolling, ...options.polling };
        runner = startPolling(
          bot,
          { apiRoot: config.apiRoot, fetch: telegram.fetch },
          allowedUpdates,
          logger.child({ part: "polling" }),
          polling,
        );
      }
      started = true;
      logger.info(
        {
          bot: bot.botInfo.username,
          database: database.kind,
          mode: config.botMode,
          port: http?.port,
          leader: theCluster.isLeader,
        },
        "Yiqi is ready",
      );
    },
    async stop() {
      started = false;
      // no new updates; those in flight are handled and answered first (the webhook stays set)
      await http?.close();
      if (runner?.isRunning()) await runner.stop();
      await scheduler.stop();
      await cards.stop();
      await services.chats.flushMembers();
      await theCluster.stop();
      await sender.stop();
      await telegram.close();
      await services.processedUpdates.settled();
      await database.close();
    },
  };
}

const PING_TIMEOUT_MS = 2000;

/** Whether the database answers a trivial query within two seconds. */
async function databaseAnswers(services: Services): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  const ping = services.database.prisma.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `fn` at most once per `ms` (a burst of taps on a follower tells the leader once, not per tap). */
function throttle(fn: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | null = null;
  let last = 0;
  return () => {
    if (timer) return;
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      fn();
    }, wait);
    timer.unref?.();
  };
}
