import { z } from "zod";
import { databaseUrlSchema, describeIssues, timeZoneSchema, withoutEmpty } from "../config/config.ts";

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
