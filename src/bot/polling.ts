import {
  createConcurrentSink,
  createRunner,
  createSource,
  type RunnerHandle,
  type UpdateSupplier,
} from "@grammyjs/runner";
import { Api, type Bot, type BotError, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../log.ts";
import type { YiqiContext } from "./context.ts";

/** How Yiqi long-polls Telegram (issue 9: a second poller, a black-holed Bot API, kill -9 during a burst). */
export interface PollingOptions {
  /** seconds Telegram holds one getUpdates open when there is nothing to deliver */
  longPollSeconds: number;
  /** a getUpdates without an answer this long after its long poll ended is given up (the connection is dead) */
  graceSeconds: number;
  /**
   * Updates fetched per getUpdates. Fetching the next batch confirms the previous one to Telegram, so a kill -9
   * loses at most the updates fetched and not yet handled: small batches keep that small.
   */
  batchSize: number;
  /** updates handled at once, at most (with `batchSize`, the bound on what a kill -9 can lose) */
  concurrency: number;
  /** back-off after a failed getUpdates: doubling from `firstMs`, never longer than `maxMs` */
  backoff: { firstMs: number; maxMs: number };
  /** the back-off's cap while another instance polls with the same token (409 Conflict) */
  conflictMaxMs: number;
}

export const defaultPolling: PollingOptions = {
  longPollSeconds: 30,
  graceSeconds: 10,
  batchSize: 25,
  concurrency: 100,
  backoff: { firstMs: 500, maxMs: 5000 },
  conflictMaxMs: 30_000,
};

export const CONFLICT_MESSAGE =
  "another instance is polling with this token — run several instances with BOT_MODE=webhook";

/** The runner's abort signal (its own AbortController shim's type). */
type RunnerSignal = Parameters<UpdateSupplier<Update>["supply"]>[1];

type FailureKind = "conflict" | "unauthorized" | "other";

function kindOf(error: unknown): FailureKind {
  if (error instanceof GrammyError && error.error_code === 409) return "conflict";
  if (error instanceof GrammyError && error.error_code === 401) return "unauthorized";
  return "other";
}

/** Waits `ms`, or until `signal` aborts. */
function pause(ms: number, signal: RunnerSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

/**
 * Fetches updates with long polling and never gives up: every failure (the network, a timeout, Telegram
 * answering 5xx, 401 or 409) is logged once per kind while it lasts, and retried after a capped, doubling
 * back-off; the first batch afterwards logs the recovery. A 409 Conflict means another process polls with the
 * same token: one clear line says so. Each getUpdates has its own timeout (long poll + grace), separate from
 * the other calls' (the bot's client option), so a black-holed connection is given up within seconds.
 */
export function updateSupplier(
  token: string,
  clientOptions: { apiRoot?: string; fetch?: typeof fetch },
  allowedUpdates: readonly string[],
  logger: Logger,
  options: PollingOptions,
): UpdateSupplier<Update> {
  const api = new Api(token, { ...clientOptions, timeoutSeconds: options.longPollSeconds + options.graceSeconds });
  let offset = 0;
  let failures = 0;
  let failing: FailureKind | null = null;
  return {
    async supply(batchSize: number, signal: RunnerSignal): Promise<Update[]> {
      for (;;) {
        try {
          const updates = await api.getUpdates(
            {
              timeout: options.longPollSeconds,
              offset,
              limit: Math.max(1, Math.min(batchSize, options.batchSize)),
              allowed_updates: [...allowedUpdates] as never,
            },
            signal,
          );
          if (failures > 0) logger.info({ failedAttempts: failures }, "fetching updates from Telegram recovered");
          failures = 0;
          failing = null;
          const last = updates.at(-1);
          if (last) offset = last.update_id + 1;
          return updates;
        } catch (error) {
          if (signal.aborted) throw error;
          const kind = kindOf(error);
          if (kind !== failing) {
            if (kind === "conflict") logger.error(CONFLICT_MESSAGE);
            else if (kind === "unauthorized") logger.error({ err: error }, "Telegram refused BOT_TOKEN; retrying");
            else logger.error({ err: error }, "fetching updates from Telegram failed; retrying with back-off");
          }
          failing = kind;
          failures++;
          const cap = kind === "conflict" ? options.conflictMaxMs : options.backoff.maxMs;
          let wait = Math.min(cap, options.backoff.firstMs * 2 ** Math.min(20, failures - 1));
          if (error instanceof GrammyError && error.error_code === 429) {
            wait = Math.max(wait, (error.parameters.retry_after ?? 1) * 1000);
          }
          await pause(wait, signal);
          if (signal.aborted) throw error;
        }
      }
    },
  };
}

/**
 * Starts long polling (grammY runner's source and concurrent sink, with Yiqi's supplier above). The bot must
 * be initialised (`bot.init()`). Returns the runner's handle; its task never rejects.
 */
export function startPolling(
  bot: Bot<YiqiContext>,
  clientOptions: { apiRoot?: string; fetch?: typeof fetch },
  allowedUpdates: readonly string[],
  logger: Logger,
  options: PollingOptions = defaultPolling,
): RunnerHandle {
  const supplier = updateSupplier(bot.token, clientOptions, allowedUpdates, logger, options);
  const source = createSource(supplier);
  const sink = createConcurrentSink<Update, BotError<YiqiContext>>(
    { consume: (update) => bot.handleUpdate(update) },
    async (error) => {
      try {
        await bot.errorHandler(error);
      } catch (failure) {
        logger.error({ err: failure }, "the error handler failed");
      }
    },
    { concurrency: options.concurrency },
  );
  const runner = createRunner(source, sink);
  runner.start();
  runner.task()?.catch((error: unknown) => logger.error({ err: error }, "polling stopped"));
  return runner;
}
