import { z } from "zod";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Shared with the CLI, which needs the database and the zone but no bot token. */
export const databaseUrlSchema = z
  .string()
  .trim()
  .default("file:./data/yiqi.db")
  .refine((v) => /^file:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), {
    message: "must be a SQLite file URL (file:./data/yiqi.db) or a PostgreSQL URL (postgresql://user@host:5432/db)",
  });

export const timeZoneSchema = z
  .string()
  .default("Asia/Shanghai")
  .refine(isTimeZone, { message: "must be an IANA time zone such as Asia/Shanghai or Europe/Berlin" });

/** Empty variables count as unset. */
export function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""),
  );
}

/** "NAME what it expects", one per bad variable. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${String(issue.path[0] ?? "?")} ${issue.message}`);
}

const configSchema = z.object({
  BOT_TOKEN: z
    .string({
      error: "is required: create a bot with @BotFather in Telegram (/newbot) and copy the token it gives you",
    })
    .trim()
    .regex(/^\d+:[\w-]{20,}$/, "must look like 123456789:AA…, the token @BotFather gave you"),
  DATABASE_URL: databaseUrlSchema,
  TELEGRAM_API_ROOT: z.url({ error: "must be a URL such as http://127.0.0.1:8081" }).optional(),
  BOT_MODE: z.enum(["polling", "webhook"], { error: "must be polling or webhook" }).default("polling"),
  WEBHOOK_URL: z
    .url({ error: "must be the URL Telegram posts updates to, such as https://bot.example.org/tg" })
    .refine((v) => /^https?:\/\//.test(v), { message: "must be an http(s) URL such as https://bot.example.org/tg" })
    .optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1–256 characters, only letters, digits, _ and - (Telegram's rule)")
    .optional(),
  PORT: z.coerce
    .number({ error: "must be a port number between 0 and 65535" })
    .int({ error: "must be a port number between 0 and 65535" })
    .min(0, { error: "must be a port number between 0 and 65535" })
    .max(65535, { error: "must be a port number between 0 and 65535" })
    .optional(),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  DEFAULT_TIMEZONE: timeZoneSchema,
  DEFAULT_LOCALE: z.enum(locales, { error: "must be zh-CN or en" }).default("zh-CN"),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).default("info"),
  SCHEDULER: z
    .enum(["on", "off"], { error: "must be on or off" })
    .default("on")
    .transform((v) => v === "on"),
  INSTANCE_ID: z.string().trim().min(1).optional(),
});

export interface Config {
  botToken: string;
  databaseUrl: string;
  databaseKind: "sqlite" | "postgresql";
  apiRoot: string | undefined;
  botMode: "polling" | "webhook";
  /** webhook mode: the URL given to setWebhook (the server listens on its path) and its secret token */
  webhook: { url: string; path: string; secret: string } | undefined;
  /** the HTTP server (webhook, /healthz, /readyz, /metrics): always in webhook mode, in polling mode when PORT is set */
  http: { port: number; host: string } | undefined;
  defaultTimeZone: string;
  defaultLocale: Locale;
  logLevel: (typeof logLevels)[number];
  schedulerEnabled: boolean;
  instanceId: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
  }
}

/** Parses the environment (already merged with `.env`) into a typed config; throws ConfigError listing every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const given = withoutEmpty(env);
  const result = configSchema.safeParse(given);
  // what webhook mode needs, reported together with every other bad value
  const problems: string[] = [];
  if (given["BOT_MODE"] === "webhook") {
    if (!given["WEBHOOK_URL"])
      problems.push("WEBHOOK_URL is required with BOT_MODE=webhook: the https URL Telegram posts updates to");
    if (!given["WEBHOOK_SECRET"])
      problems.push(
        "WEBHOOK_SECRET is required with BOT_MODE=webhook: 1–256 characters A-Za-z0-9_- (e.g. openssl rand -hex 32)",
      );
  }
  if (!result.success) throw new ConfigError([...describeIssues(result.error), ...problems]);
  const c = result.data;
  if (problems.length > 0) throw new ConfigError(problems);
  const webhook =
    c.BOT_MODE === "webhook" && c.WEBHOOK_URL && c.WEBHOOK_SECRET
      ? { url: c.WEBHOOK_URL, path: new URL(c.WEBHOOK_URL).pathname, secret: c.WEBHOOK_SECRET }
      : undefined;
  const port = c.PORT ?? (c.BOT_MODE === "webhook" ? 8080 : undefined);
  return {
    botToken: c.BOT_TOKEN,
    databaseUrl: c.DATABASE_URL,
    databaseKind: c.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
    apiRoot: c.TELEGRAM_API_ROOT,
    botMode: c.BOT_MODE,
    webhook,
    http: port === undefined ? undefined : { port, host: c.HOST },
    defaultTimeZone: c.DEFAULT_TIMEZONE,
    defaultLocale: c.DEFAULT_LOCALE,
    logLevel: c.LOG_LEVEL,
    schedulerEnabled: c.SCHEDULER,
    instanceId: c.INSTANCE_ID ?? `${process.pid}`,
  };
}
