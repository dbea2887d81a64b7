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

  describe("webhook mode and the HTTP server", () => {
    const webhook = {
      BOT_TOKEN: token,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.org/tg",
      WEBHOOK_SECRET: "s3cret_token-1",
    };

    it("listens on 0.0.0.0:8080 by default, on the URL's path, with the secret", () => {
      const c = parseConfig(webhook);
      expect(c.botMode).toBe("webhook");
      expect(c.webhook).toEqual({ url: "https://bot.example.org/tg", path: "/tg", secret: "s3cret_token-1" });
      expect(c.http).toEqual({ port: 8080, host: "0.0.0.0" });
    });

    it("takes PORT and HOST", () => {
      expect(parseConfig({ ...webhook, PORT: "9000", HOST: "127.0.0.1" }).http).toEqual({
        port: 9000,
        host: "127.0.0.1",
      });
    });

    it("in polling mode, serves HTTP only when PORT is set", () => {
      expect(parseConfig({ BOT_TOKEN: token }).http).toBeUndefined();
      expect(parseConfig({ BOT_TOKEN: token, PORT: "9100" }).http).toEqual({ port: 9100, host: "0.0.0.0" });
      expect(parseConfig({ BOT_TOKEN: token, PORT: "9100" }).webhook).toBeUndefined();
    });

    it("says what is missing in webhook mode", () => {
      const list = problems({ BOT_TOKEN: token, BOT_MODE: "webhook" });
      expect(list.find((p) => p.startsWith("WEBHOOK_URL"))).toMatch(/required with BOT_MODE=webhook/);
      expect(list.find((p) => p.startsWith("WEBHOOK_SECRET"))).toMatch(/required with BOT_MODE=webhook/);
    });

    it("names a missing webhook setting together with other bad values", () => {
      const list = problems({ BOT_TOKEN: token, BOT_MODE: "webhook", WEBHOOK_SECRET: "bad secret", PORT: "x" });
      expect(list.map((p) => p.split(" ")[0]).sort()).toEqual(["PORT", "WEBHOOK_SECRET", "WEBHOOK_URL"]);
    });

    it("refuses a secret Telegram would refuse, a bad URL and a bad port", () => {
      for (const secret of ["has space", "ümlaut", "x".repeat(257)]) {
        expect(problems({ ...webhook, WEBHOOK_SECRET: secret }).join()).toMatch(/WEBHOOK_SECRET must be 1–256/);
      }
      expect(problems({ ...webhook, WEBHOOK_SECRET: "x".repeat(256) })).toEqual([]);
      expect(problems({ ...webhook, WEBHOOK_URL: "not a url" }).join()).toMatch(/^WEBHOOK_URL must be/);
      expect(problems({ ...webhook, WEBHOOK_URL: "ftp://example.org/tg" }).join()).toMatch(/^WEBHOOK_URL must be/);
      for (const port of ["http", "70000", "-1", "80.5"]) {
        expect(problems({ ...webhook, PORT: port }).join()).toMatch(/^PORT must be a port number/);
      }
    });
  });
});
