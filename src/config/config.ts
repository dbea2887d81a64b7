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
  BOT_MODE: z.enum(["polling"], { error: "must be polling (webhook is not available yet)" }).default("polling"),
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
  botMode: "polling";
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
  const result = configSchema.safeParse(withoutEmpty(env));
  if (!result.success) throw new ConfigError(describeIssues(result.error));
  const c = result.data;
  return {
    botToken: c.BOT_TOKEN,
    databaseUrl: c.DATABASE_URL,
    databaseKind: c.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
    apiRoot: c.TELEGRAM_API_ROOT,
    botMode: c.BOT_MODE,
    defaultTimeZone: c.DEFAULT_TIMEZONE,
    defaultLocale: c.DEFAULT_LOCALE,
    logLevel: c.LOG_LEVEL,
    schedulerEnabled: c.SCHEDULER,
    instanceId: c.INSTANCE_ID ?? `${process.pid}`,
  };
}
