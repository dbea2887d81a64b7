/**
 * How the parts that send on the bot's own initiative are put together, once,
 * for the app (app.ts) and for tests that play several instances or crash one
 * (test/scheduler/support.ts): the Bot API call, the sender with its policy
 * for chats that went away or moved, and the card refresher.
 */
import type { Api } from "grammy";
import type { Config } from "./config/config.ts";
import { CardRefresher } from "./delivery/card-refresher.ts";
import { type Limits, RateLimiter, telegramLimits } from "./delivery/rate-limiter.ts";
import { createRenderer } from "./delivery/render.ts";
import { type CallApi, Sender } from "./delivery/sender.ts";
import { Translator } from "./i18n/translator.ts";
import type { Logger } from "./log.ts";
import { registerSecret } from "./redact.ts";
import { afterScheduledSend, createScheduler, type Scheduler, schedulerRenderers } from "./scheduler/index.ts";
import { cardKey, type EventsRead } from "./services/presenter.ts";
import { createServices, type Services } from "./services/services.ts";
import { openDatabase } from "./store/database.ts";
import { migrate } from "./store/migrator.ts";
import { apiId, isPrivateChatId } from "./telegram-id.ts";

/** Parameters as the Bot API's JSON takes them: `TelegramId`s (bigint) become numbers, here and nowhere else. */
export function forBotApi(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "bigint" ? apiId(v) : v]));
}

/** Any Bot API method by name, through grammY's raw API (so its error types and transformers apply). */
export function botApiCaller(api: Api): CallApi {
  return async (method, params) => {
    const call: unknown = Reflect.get(api.raw, method);
    if (typeof call !== "function") throw new Error(`not a Bot API method: ${method}`);
    return Reflect.apply(call, api.raw, [forBotApi(params)]);
  };
}

export interface SenderOptions {
  services: Services;
  callApi: CallApi;
  instanceId: string;
  /** the bot's username, for deep links in reminders (known once the bot is initialised) */
  botUsername: () => string;
  /** one limiter for everything this instance sends (the card refresher shares it); or a new one with `limits` */
  limiter?: RateLimiter;
  limits?: Limits;
  logger?: Logger;
  /** every outcome the sender records, for metrics */
  onOutcome?: (kind: string, status: string) => void;
}

/**
 * The outbox's sender. Its policy, the same wherever it runs: a chat that
 * blocked or removed the bot is marked so (a user as blocked, a group as
 * inactive) and its pending deliveries are skipped; a group that became a
 * supergroup moves to its new id (the delivery is sent there); once sent, a
 * reminder becomes a card of its event and a summary moves the group's mark.
 */
export function createSender(options: SenderOptions): Sender {
  const { services } = options;
  return new Sender({
    outbox: services.outbox,
    limiter: options.limiter ?? new RateLimiter(options.limits ?? telegramLimits),
    callApi: options.callApi,
    render: createRenderer(schedulerRenderers(services, options.botUsername)),
    instanceId: options.instanceId,
    now: services.now,
    logger: options.logger ?? services.logger.child({ part: "sender" }),
    onChatGone: async (chatId, reason) => {
      if (isPrivateChatId(chatId)) await services.users.markBlocked(chatId);
      else await services.chats.setActive(chatId, false);
      await services.outbox.skipChat(chatId, reason);
    },
    onChatMigrated: async (from, to) => {
      await services.chats.migrate(from, to);
    },
    onSent: afterScheduledSend(services),
    ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
  });
}

/**
 * Keeps posted event cards current. Each card is rendered in its chat's
 * language (a group's own choice, else its organisation's), once per
 * (event, language) in a flush.
 */
export function createCardRefresher(options: {
  services: Services;
  callApi: CallApi;
  limiter: RateLimiter;
  logger?: Logger;
  onMarked?: () => void;
  onEdit?: (outcome: "edited" | "current" | "retry") => void;
}): CardRefresher {
  const { services } = options;
  return new CardRefresher({
    ...(options.onMarked ? { onMarked: options.onMarked } : {}),
    ...(options.onEdit ? { onEdit: options.onEdit } : {}),
    db: services.database.prisma,
    cards: services.database.cardPath,
    limiter: options.limiter,
    callApi: options.callApi,
    now: services.now,
    logger: options.logger ?? services.logger.child({ part: "cards" }),
    render: async (cards, flush) => {
      const wanted = await Promise.all(
        cards.map(async ({ eventId, chatId }) => ({ eventId, locale: await services.languages.ofChat(chatId) })),
      );
      const read = flush.memo as EventsRead;
      const views = await services.presenter.cards(wanted, { eventIds: flush.eventIds, read });
      return wanted.map(({ eventId, locale }) => views.get(cardKey(eventId, locale)) ?? null);
    },
  });
}

/** The database (migrated first) and every service over it: the same for the app and for a host bot (embed.ts). */
export async function openServices(config: Config, logger: Logger, now: () => Date) {
  registerSecret(config.botToken); // the app's and an embedding host's token alike (src/redact.ts)
  const migration = await migrate(config.databaseUrl);
  if (migration.applied.length > 0) logger.info({ applied: migration.applied }, "database migrated");
  const database = await openDatabase(config.databaseUrl, (message) =>
    logger.warn({ error: message }, "background WAL checkpoint failed"),
  );
  const translator = new Translator(config.defaultLocale);
  const services = createServices({ config, database, translator, logger, now });
  return { database, translator, services };
}

export interface Delivery {
  sender: Sender;
  scheduler: Scheduler;
  cards: CardRefresher;
  limiter: RateLimiter;
}

/**
 * Everything Yiqi sends on its own, over one Bot API caller: the sender (nudged
 * by the services), the scheduler, and the card refresher following every
 * change of an event, all sharing one rate limiter.
 */
export function createDelivery(options: {
  services: Services;
  callApi: CallApi;
  instanceId: string;
  botUsername: () => string;
  limits?: Limits;
  /** metrics: an outbox delivery's or a card edit's outcome */
  onOutcome?: (kind: string, status: string) => void;
  /** several instances: cards were marked while this instance does not edit them (tell the leader) */
  onCardsMarked?: () => void;
}): Delivery {
  const { services, callApi, onOutcome } = options;
  const limiter = new RateLimiter(options.limits ?? telegramLimits);
  const sender = createSender({
    services,
    callApi,
    limiter,
    instanceId: options.instanceId,
    botUsername: options.botUsername,
    ...(onOutcome ? { onOutcome } : {}),
  });
  services.nudgeSender = () => sender.nudge();
  const scheduler = createScheduler(services, services.logger.child({ part: "scheduler" }));
  const cards = createCardRefresher({
    services,
    callApi,
    limiter,
    ...(onOutcome ? { onEdit: (outcome: string) => onOutcome("card_edit", outcome) } : {}),
    ...(options.onCardsMarked ? { onMarked: options.onCardsMarked } : {}),
  });
  // Sign-up changes mark their event's cards in the database themselves (a trigger in the same
  // transaction); changes to the event are marked here.
  services.changes.on("signupsChanged", () => cards.wake());
  for (const name of ["eventChanged", "eventCancelled"] as const) {
    services.changes.on(name, ({ eventId }) => cards.markDirty(eventId));
  }
  return { sender, scheduler, cards, limiter };
}
