import { type App, type AppOptions, createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config/config.ts";
import type { DatabaseKind } from "../../src/store/database.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "./databases.ts";
import { type FakeTelegram, type FakeTelegramOptions, startFakeTelegram } from "./fake-telegram/index.ts";
import { scan, testLogger, testToken, watchToken } from "./log-capture.ts";

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
  // a fresh token, watched for in every log line, stored error and message of this worker (log-capture.ts)
  const fake = await startFakeTelegram({ token: testToken(), ...options.fake });
  watchToken(fake.token);
  const database = await createThrowawayDatabase(options.kind ?? "sqlite");
  const config = parseConfig({
    BOT_TOKEN: fake.token,
    DATABASE_URL: database.url,
    TELEGRAM_API_ROOT: fake.apiRoot,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...options.env,
  });
  const app = await createApp({ config, logger: testLogger(), ...options.app });
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
      // what users were shown (every Bot API call's parameters) and the errors the outbox stored
      scan(
        "Bot API call",
        fake.calls().map((call) => JSON.stringify(call.params)),
      );
      const stored = await app.services.database.prisma.delivery
        .findMany({ where: { lastError: { not: null } }, select: { lastError: true } })
        .catch(() => []);
      scan(
        "Delivery.lastError",
        stored.map((d) => d.lastError ?? ""),
      );
      await app.stop();
      await fake.close();
      await database.drop();
    },
  };
}
