import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { type App, createApp } from "../app.ts";
import { parseConfig } from "../config/config.ts";
import type { Logger } from "../log.ts";
import { MovableClock } from "./clock.ts";
import { type Demo, seedDemo } from "./demo-data.ts";
import { type FakeTelegram, startFakeTelegram } from "./emulator/index.ts";
import { travel } from "./time-travel.ts";

export interface SessionOptions {
  /** SQLite file, recreated on every start and reset */
  databaseFile: string;
  logger: Logger;
  logLevel: string;
}

/** One run of the real app against the emulator, on a fresh database with the demo data and its own clock. */
export class Session {
  private constructor(
    readonly fake: FakeTelegram,
    readonly app: App,
    readonly clock: MovableClock,
    readonly demo: Demo,
  ) {}

  static async start(options: SessionOptions): Promise<Session> {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(options.databaseFile + suffix, { force: true });
    mkdirSync(dirname(options.databaseFile), { recursive: true });
    const clock = new MovableClock();
    const fake = await startFakeTelegram({ now: clock.nowMs, bot: { first_name: "一起 Yiqi", username: "yiqi_bot" } });
    try {
      const config = parseConfig({
        BOT_TOKEN: fake.token,
        DATABASE_URL: `file:${options.databaseFile}`,
        TELEGRAM_API_ROOT: fake.apiRoot,
        LOG_LEVEL: options.logLevel,
        INSTANCE_ID: "playground",
      });
      const app = await createApp({ config, logger: options.logger, now: clock.now });
      const demo = await seedDemo(fake, app, clock.now());
      await app.start();
      return new Session(fake, app, clock, demo);
    } catch (error) {
      await fake.close();
      throw error;
    }
  }

  /** Time travel: the clock jumps forward, reminders and summaries due on the way are sent. */
  advance(ms: number): Promise<void> {
    return travel(this.app, this.clock, ms);
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.fake.close();
  }
}
