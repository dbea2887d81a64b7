import { z } from "zod";
import {
  type Config,
  databaseUrlSchema,
  describeIssues,
  type Locale,
  timeZoneSchema,
  withoutEmpty,
} from "../config/config.ts";
import { databaseKind } from "../store/database.ts";

/** What the command line needs from the environment: no bot token, only the database and the default zone. */
export interface CliConfig {
  databaseUrl: string;
  defaultTimeZone: string;
}

const schema = z.object({ DATABASE_URL: databaseUrlSchema, DEFAULT_TIMEZONE: timeZoneSchema });

/** Parses the environment; returns the problems as one line when it is not usable. */
export function parseCliConfig(env: Record<string, string | undefined>): CliConfig | string {
  const result = schema.safeParse(withoutEmpty(env));
  if (!result.success) return describeIssues(result.error).join("; ");
  return { databaseUrl: result.data.DATABASE_URL, defaultTimeZone: result.data.DEFAULT_TIMEZONE };
}

/**
 * The app configuration the services are built with (createServices) for a
 * command. The command line never talks to Telegram, so there is no token
 * and no scheduler; what it changes the running bot picks up from the
 * database.
 */
export function commandServicesConfig(cli: CliConfig, locale: Locale): Config {
  return {
    botToken: "",
    databaseUrl: cli.databaseUrl,
    databaseKind: databaseKind(cli.databaseUrl),
    apiRoot: undefined,
    botMode: "polling",
    webhook: undefined,
    http: undefined,
    defaultTimeZone: cli.defaultTimeZone,
    defaultLocale: locale,
    logLevel: "warn",
    schedulerEnabled: false,
    instanceId: `cli-${process.pid}`,
  };
}
