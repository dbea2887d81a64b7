import { pino } from "pino";
import { type App, type AppOptions, createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config/config.ts";
import type { DatabaseKind } from "../../src/store/database.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "./databases.ts";
import { type FakeTelegram, type FakeTelegramOptions, startFakeTelegram } from "./fake-telegram/index.ts";

export interface Harness {
  fake: FakeTelegram;
  app: App;
  database: ThrowawayDatabase;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  kind?: DatabaseKind;
  fake?: FakeTelegramOptions;
  app?: Partial<Omit<AppOptions, "config">>;
  env?: Record<string, string>;
  /** start polling and the sender (default true) */
  start?: boolean;
}

/** The whole bot against the fake Bot API server and a throw-away database: the path a real chat takes. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeTelegram(options.fake);
  const database = await createThrowawayDatabase(options.kind ?? "sqlite");
  const config = parseConfig({
    BOT_TOKEN: fake.token,
    DATABASE_URL: database.url,
    TELEGRAM_API_ROOT: fake.apiRoot,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...options.env,
  });
  const logger = pino({ level: config.logLevel });
  const app = await createApp({ config, logger, ...options.app });
  if (options.start ?? true) {
    await app.start();
    // webhook mode: the fake posts to this instance's own port, whatever WEBHOOK_URL says
    if (config.webhook && app.http) fake.spreadWebhook([`http://127.0.0.1:${app.http.port}${config.webhook.path}`]);
  }
  return {
    fake,
    app,
    database,
    async stop() {
      await app.stop();
      await fake.close();
      await database.drop();
    },
  };
}
