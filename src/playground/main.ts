import { resolve } from "node:path";
import { z } from "zod";
import { createLogger } from "../log.ts";
import { startPlayground } from "./playground.ts";

const env = z
  .object({
    PLAYGROUND_PORT: z.coerce.number().int().min(0).max(65_535).default(8090),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
  })
  .safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));

/** `npm run playground`: the real app against the built-in emulator, and a page to use it in the browser. */
async function main(): Promise<void> {
  if (!env.success) {
    process.stderr.write("The playground cannot start: PLAYGROUND_PORT must be a port number such as 8090\n");
    process.exit(1);
  }
  const logger = createLogger(env.data.LOG_LEVEL);
  const playground = await startPlayground({
    databaseFile: resolve("data/playground.db"),
    logger,
    logLevel: env.data.LOG_LEVEL,
    port: env.data.PLAYGROUND_PORT,
  });
  const { url } = playground;
  process.stdout.write(`Yiqi playground: ${url}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 4500).unref();
    await playground.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`The playground stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
