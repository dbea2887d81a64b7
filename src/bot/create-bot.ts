import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotConfig, Composer, type Context, type MiddlewareFn } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "../log.ts";
import type { Services } from "../services/services.ts";
import { CallbackRoutes } from "./callbacks.ts";
import { chain } from "./chain.ts";
import type { YiqiContext } from "./context.ts";
import { handleBotError } from "./error-boundary.ts";
import { generalFeature } from "./features/general.ts";
import { featureModules } from "./features/index.ts";
import { defaultFloodRules, type FloodRules, floodControl } from "./flood-control.ts";
import { rememberAndLocalise, withYiqi } from "./middleware.ts";

export interface BotOptions {
  token: string;
  apiRoot?: string;
  /** the HTTP client under every Bot API call (bot/bot-api-fetch.ts); default: grammY's own */
  fetch?: typeof fetch;
  botInfo?: UserFromGetMe;
  /** runs before Yiqi's own middleware on every update (metrics, flood control, …) */
  before?: MiddlewareFn<YiqiContext>[];
  /** every Bot API call but getUpdates (which has its own, bot/polling.ts) is given up after this; default 20 */
  timeoutSeconds?: number;
  /** per-person flood control; false: off (default: bot/flood-control.ts `defaultFloodRules`) */
  flood?: FloodRules | false;
}

/** A call to Telegram that has not been answered in this time is given up (grammY's own default is 500 s). */
export const REQUEST_TIMEOUT_SECONDS = 20;

/** How the features behave: standalone (the bot is Yiqi's own) or embedded (a host bot handles the rest). */
export interface FeatureMode {
  /**
   * Embedded in a host's bot: what is not Yiqi's own (other commands, plain
   * /start and /help, unknown buttons, updates without a chat) passes to the
   * host's next middleware, and a failure inside Yiqi is answered and logged
   * here rather than thrown into the host.
   */
  embedded: boolean;
}

/**
 * Messages and member changes of one chat are handled in order (a
 * conversation's answers, a migration); button taps only need to be in order
 * per person, so a burst of taps in one busy group runs concurrently (the
 * sign-up itself is safe under concurrency). In a private chat, taps and
 * messages share one queue: both drive the same conversation.
 */
export function updateOrderKey(ctx: Context): string | undefined {
  if (ctx.callbackQuery && ctx.chat?.type !== "private") return `user:${ctx.callbackQuery.from.id}`;
  return ctx.chat ? `chat:${ctx.chat.id}` : ctx.from ? `user:${ctx.from.id}` : undefined;
}

/** Every feature behind Yiqi's middleware, as one Composer: the standalone bot uses it, and so does a host bot. */
export function yiqiComposer(
  services: Services,
  logger: Logger,
  mode: FeatureMode,
  flood: FloodRules | false = defaultFloodRules,
): Composer<Context> {
  const features = new Composer<YiqiContext>();
  const inner = mode.embedded ? features.errorBoundary(handleBotError) : features;
  const callbacks = new CallbackRoutes();
  const modules = featureModules(mode, callbacks);
  // in one chain (bot/chain.ts); a tap goes straight to its button's handler (bot/callbacks.ts), everything
  // else through the features
  inner.use(chain(rememberAndLocalise, callbacks.middleware(), generalFeature(mode), ...modules));
  const composer = new Composer<Context>();
  composer.use(
    chain(
      // before anything reads the database: one person's flood is dropped here (in this instance's memory)
      ...(flood !== false ? [floodControl(services.translator, flood)] : []),
      sequentialize(updateOrderKey),
      withYiqi(services, logger, features, mode),
    ),
  );
  return composer;
}

/**
 * Answers to a member's own action (toasts, replies: every call made through `ctx.api` while an update is
 * handled) are tried again on 429 for a short, capped time, so a stored sign-up is not left without its toast.
 * Only 429: a timeout or a 5xx may mean Telegram already did it, and a reply must not be sent twice. What the
 * bot sends on its own goes through the outbox sender, which has its own rate handling (delivery/sender.ts).
 */
export const interactiveRetry = { maxRetryAttempts: 3, maxDelaySeconds: 5 };

function retryInteractiveAnswers(): MiddlewareFn<Context> {
  const retry = autoRetry({ ...interactiveRetry, rethrowHttpErrors: true, rethrowInternalServerErrors: true });
  return (ctx, next) => {
    ctx.api.config.use(retry);
    return next();
  };
}

/** Builds Yiqi's own grammY bot with every feature; nothing is started here. */
export function createBot(options: BotOptions, services: Services, logger: Logger): Bot<YiqiContext> {
  const config: BotConfig<YiqiContext> = {
    client: {
      ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      timeoutSeconds: options.timeoutSeconds ?? REQUEST_TIMEOUT_SECONDS,
    },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  };
  const bot = new Bot<YiqiContext>(options.token, config);
  // An error boundary rather than only bot.catch (which long polling alone uses): in webhook mode a failed
  // update is logged and answered like in polling mode, and Telegram gets its 200 instead of a retry loop.
  const guarded = bot.errorBoundary(handleBotError);
  guarded.use(
    chain(
      retryInteractiveAnswers(),
      ...(options.before ?? []),
      yiqiComposer(services, logger, { embedded: false }, options.flood ?? defaultFloodRules),
    ),
  );
  bot.catch(handleBotError);
  return bot;
}
