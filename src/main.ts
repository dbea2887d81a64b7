import { createApp } from "./app.ts";
import { ConfigError, parseConfig } from "./config/config.ts";
import { loadEnv } from "./config/load-env.ts";
import { createLogger } from "./log.ts";
import { applyV8Flags, trimWhenIdle } from "./process-memory.ts";
import { sqliteWriteProblem } from "./store/sqlite-path.ts";

/** Start-up: read the config, build the app, start it, and stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  applyV8Flags(); // before the database (and Prisma's WebAssembly) is opened
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(loadEnv());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Yiqi cannot start: ${error.problems.join("; ")}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (!/^postgres(ql)?:/.test(config.databaseUrl)) {
    const problem = sqliteWriteProblem(config.databaseUrl);
    if (problem) {
      process.stderr.write(`Yiqi cannot start: ${problem}\n`);
      process.exit(1);
    }
  }
  const logger = createLogger(config.logLevel);
  // The last line of defence: every background loop catches its own failures (delivery/outage.ts), so this
  // should never run; if something slips through anyway, one bad promise must not take the bot down.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection (kept running)"));
  const app = await createApp({ config, logger });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    const force = setTimeout(() => {
      logger.error("could not stop within 4.5 s; exiting");
      process.exit(1);
    }, 4500);
    force.unref();
    await app.stop();
    logger.info("stopped");
    logger.flush();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  await app.start();
  // gives a burst's memory back once it is over (process-memory.ts)
  trimWhenIdle({
    onTrim: (before, after) => logger.debug({ heapBefore: before, heapAfter: after }, "heap trimmed after a burst"),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`Yiqi stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
