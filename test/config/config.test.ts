import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config/config.ts";

const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("config", () => {
  it("fills the defaults", () => {
    const c = parseConfig({ BOT_TOKEN: token });
    expect(c).toMatchObject({
      databaseUrl: "file:./data/yiqi.db",
      databaseKind: "sqlite",
      botMode: "polling",
      defaultTimeZone: "Asia/Shanghai",
      defaultLocale: "zh-CN",
      logLevel: "info",
      apiRoot: undefined,
    });
  });

  it("switches to PostgreSQL by the URL scheme", () => {
    expect(parseConfig({ BOT_TOKEN: token, DATABASE_URL: "postgresql://u@h:5432/db" }).databaseKind).toBe("postgresql");
  });

  it("a missing token says how to get one from @BotFather", () => {
    expect(problems({}).join()).toMatch(/BOT_TOKEN.*@BotFather/);
  });

  it("names every bad variable at once", () => {
    const list = problems({
      BOT_TOKEN: token,
      DATABASE_URL: "nonsense",
      DEFAULT_TIMEZONE: "Mars/Olympus",
      DEFAULT_LOCALE: "fr",
      LOG_LEVEL: "loud",
      BOT_MODE: "carrier-pigeon",
      TELEGRAM_API_ROOT: "not a url",
    });
    for (const name of [
      "DATABASE_URL",
      "DEFAULT_TIMEZONE",
      "DEFAULT_LOCALE",
      "LOG_LEVEL",
      "BOT_MODE",
      "TELEGRAM_API_ROOT",
    ]) {
      expect(list.some((p) => p.startsWith(name))).toBe(true);
    }
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ BOT_TOKEN: token, LOG_LEVEL: "" }).logLevel).toBe("info");
  });
});
