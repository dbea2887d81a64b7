/**
 * Yiqi inside a Telegraf 4 bot: each Telegraf update becomes a grammY context
 * whose Bot API calls go through the host's own `Telegram` (`callApi`), so
 * Yiqi needs neither a second token nor a second connection. Only types come
 * from telegraf (erased at run time): a grammY-only host never loads it.
 */
import { Api, Context, HttpError, InputFile, type Middleware } from "grammy";
import type { ApiResponse, Update, UserFromGetMe } from "grammy/types";

/** What Yiqi uses of Telegraf's `Telegram` (`ctx.telegram`, `bot.telegram`). */
export interface TelegrafTelegram {
  readonly token: string;
  callApi(method: string, payload: object): Promise<unknown>;
}

/** What Yiqi reads of a Telegraf context. */
export interface TelegrafContextLike {
  readonly update: object;
  readonly telegram: TelegrafTelegram;
  /** Telegraf's getMe answer (its types know fewer fields than grammY's) */
  readonly botInfo: TelegrafBotInfo;
}

export interface TelegrafBotInfo {
  id: number;
  first_name: string;
  username: string;
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
}

/** The bot as grammY's context knows it: Telegram's answer, with the fields Telegraf's types lack as absent (false). */
function grammyMe(info: TelegrafBotInfo): UserFromGetMe {
  return {
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
    ...info,
    is_bot: true,
  };
}

export type TelegrafMiddleware = (ctx: TelegrafContextLike, next: () => Promise<void>) => Promise<void>;

function isErrorResponse(value: unknown): value is ApiResponse<never> & { ok: false } {
  return typeof value === "object" && value !== null && Reflect.get(value, "ok") === false;
}

/** grammY's files as Telegraf uploads them (`{ source, filename }`); everything else as it is. */
async function forTelegraf(payload: object): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (!(value instanceof InputFile)) {
      out[key] = value;
      continue;
    }
    const raw = await value.toRaw();
    const chunks: Uint8Array[] = [];
    if (raw instanceof Uint8Array) chunks.push(raw);
    else for await (const chunk of raw) chunks.push(chunk);
    out[key] = { source: Buffer.concat(chunks), filename: value.filename ?? key };
  }
  return out;
}

/** The answer of Telegraf's `callApi` as grammY's client expects it (Telegram's refusals stay refusals). */
async function callThrough(telegram: TelegrafTelegram, method: string, payload: object): Promise<ApiResponse<unknown>> {
  try {
    return { ok: true, result: await telegram.callApi(method, await forTelegraf(payload)) };
  } catch (error) {
    const response: unknown = typeof error === "object" && error !== null ? Reflect.get(error, "response") : undefined;
    if (isErrorResponse(response)) return response;
    throw new HttpError(`Network request for '${method}' failed (through Telegraf)`, error);
  }
}

const apis = new WeakMap<TelegrafTelegram, Api>();

/**
 * A grammY `Api` whose every call goes through Telegraf's `callApi`: its
 * errors become grammY's (`GrammyError` with Telegram's code and
 * parameters, `HttpError` for the network), so Yiqi's handlers and its sender
 * (429 and `retry_after`, chats gone or migrated) behave as with grammY.
 */
export function apiOverTelegraf(telegram: TelegrafTelegram): Api {
  const known = apis.get(telegram);
  if (known) return known;
  const api = new Api(telegram.token);
  api.config.use(
    (_prev, method, payload) =>
      // grammY types each method's result; Telegraf's answer is the same JSON, untyped.
      callThrough(telegram, method, payload) as ReturnType<typeof _prev<typeof method>>,
  );
  apis.set(telegram, api);
  return api;
}

/** The update as grammY types it: Telegraf hands over Telegram's JSON unchanged (typegram and grammY's types differ only in name). */
function grammyUpdate(update: object): Update {
  return update as Update;
}

/**
 * Telegraf middleware that runs Yiqi's features (a grammY middleware) on each
 * update, replying through the host's `ctx.telegram`; what Yiqi does not take
 * goes on to the host's next middleware.
 */
export function telegrafMiddleware(features: Middleware<Context>): TelegrafMiddleware {
  const run = typeof features === "function" ? features : features.middleware();
  return async (ctx, next) => {
    const context = new Context(grammyUpdate(ctx.update), apiOverTelegraf(ctx.telegram), grammyMe(ctx.botInfo));
    await run(context, next);
  };
}
