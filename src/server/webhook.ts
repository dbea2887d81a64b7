import { type Bot, webhookCallback } from "grammy";
import type { YiqiContext } from "../bot/context.ts";
import type { Logger } from "../log.ts";
import type { RequestHandler } from "./http-server.ts";

/**
 * How long an update may take before Telegram is answered anyway. The answer normally goes out once the update
 * has been handled (so a crash mid-update means Telegram delivers it again, and bot/once.ts makes sure it is
 * applied once); a sign-up under a burst can wait up to 30 s for its event's lock.
 */
export const WEBHOOK_TIMEOUT_MS = 50_000;

/**
 * The webhook endpoint: grammY's `webhookCallback` with its node:http adapter. A request without the
 * matching `X-Telegram-Bot-Api-Secret-Token` header gets 401 and is not processed; a body that is not JSON
 * gets 400. Failures inside the bot are answered by its error boundary (create-bot.ts), so they end in 200.
 */
export function webhookHandler(bot: Bot<YiqiContext>, secret: string, logger: Logger): RequestHandler {
  const callback = webhookCallback(bot, "http", {
    secretToken: secret,
    timeoutMilliseconds: WEBHOOK_TIMEOUT_MS,
    onTimeout: () => logger.warn({ timeoutMs: WEBHOOK_TIMEOUT_MS }, "update still being handled; Telegram answered"),
  });
  return async (request, response) => {
    try {
      await callback(request, response);
    } catch (error) {
      if (error instanceof SyntaxError) {
        if (!response.headersSent) response.writeHead(400, { "content-type": "text/plain" });
        response.end("not an update\n");
        return;
      }
      throw error;
    }
  };
}
