import { z } from "zod";

/** What the command line needs from the environment: no bot token, only the database and the default zone. */
export interface CliConfig {
  databaseUrl: string;
  defaultTimeZone: string;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default("file:./data/yiqi.db")
    .refine((v) => /^file:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), {
      message: "must be a SQLite file URL (file:./data/yiqi.db) or a PostgreSQL URL (postgresql://user@host:5432/db)",
    }),
  DEFAULT_TIMEZONE: z
    .string()
    .default("Asia/Shanghai")
    .refine(isTimeZone, { message: "must be an IANA time zone such as Asia/Shanghai" }),
});

/** Parses the environment; returns the problems as one line when it is not usable. */
export function parseCliConfig(env: Record<string, string | undefined>): CliConfig | string {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    return result.error.issues.map((issue) => `${String(issue.path[0] ?? "?")} ${issue.message}`).join("; ");
  }
  return { databaseUrl: result.data.DATABASE_URL, defaultTimeZone: result.data.DEFAULT_TIMEZONE };
}
