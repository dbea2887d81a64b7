import { type Config, parseConfig } from "../config/config.ts";
import type { Limits } from "../delivery/rate-limiter.ts";
import type { Logger } from "../log.ts";
import type { TelegrafTelegram } from "./telegraf.ts";

/** How a host bot configures the Yiqi it mounts. */
export interface YiqiOptions {
  /** the host bot's token (Yiqi answers as that bot); with `telegram`, its token is used */
  token?: string;
  /** the host's Bot API server, if not Telegram's (a self-hosted one, a test stand-in) */
  apiRoot?: string;
  /** a Telegraf host's `bot.telegram`: Yiqi's own messages (reminders, cards) then go through it too */
  telegram?: TelegrafTelegram;
  /** `file:./data/yiqi.db` (the default) or `postgresql://…` */
  databaseUrl?: string;
  /** `zh-CN` (default) or `en`, when neither group nor user chose */
  defaultLocale?: string;
  /** IANA time zone for new organisations (default `Asia/Shanghai`) */
  timeZone?: string;
  /** a pino logger (the host's, or a child of it); by default Yiqi logs JSON at `info` */
  logger?: Logger;
  /** plan reminders and daily summaries every minute (default true) */
  scheduler?: boolean;
  /** this instance's name in the outbox claims (default: the process id) */
  instanceId?: string;
  /** the clock (tests) */
  now?: () => Date;
  /** Telegram's sending limits (tests) */
  limits?: Limits;
}

/** The options, checked as the environment is (a bad value throws one ConfigError naming each). */
export function embeddedConfig(options: YiqiOptions): Config {
  return parseConfig({
    BOT_TOKEN: options.telegram?.token ?? options.token,
    TELEGRAM_API_ROOT: options.apiRoot,
    DATABASE_URL: options.databaseUrl,
    DEFAULT_LOCALE: options.defaultLocale,
    DEFAULT_TIMEZONE: options.timeZone,
    SCHEDULER: options.scheduler === false ? "off" : "on",
    INSTANCE_ID: options.instanceId,
    LOG_LEVEL: options.logger?.level ?? "info",
  });
}
