import { type DestinationStream, type Logger, pino } from "pino";
import { redactSecrets } from "./redact.ts";

export type { Logger };

/** JSON logs; pretty-printed only when stdout is a terminal. Tokens are redacted wherever they appear. */
export function createLogger(level: string, options: { pretty?: boolean; destination?: DestinationStream } = {}) {
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  return pino(
    {
      level,
      base: { app: "yiqi" },
      redact: { paths: ["token", "botToken", "config.botToken", "*.token"], censor: "[redacted]" },
      // every line, at every level, after serialisation: a token inside an error's URL or message is caught too
      hooks: { streamWrite: redactSecrets },
    },
    pretty && !options.destination
      ? pino.transport({ target: "pino-pretty", options: { colorize: true } })
      : (options.destination ?? process.stdout),
  );
}
