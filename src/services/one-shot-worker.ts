import { Worker } from "node:worker_threads";

export interface WorkerLimits {
  /** old-generation heap the worker may use; past it the worker is stopped (ERR_WORKER_OUT_OF_MEMORY) */
  memoryMb: number;
  youngMb: number;
  timeoutMs: number;
}

/** How each way a one-shot worker can end becomes the caller's outcome. */
export interface WorkerEnds<T> {
  message(result: unknown): T;
  error(error: Error & { code?: string }): T;
  /** the worker exited without answering */
  exit(): T;
  timeout(): T;
}

/**
 * Runs a worker thread that answers once (a message, an error, an exit or the time limit, whichever comes
 * first) and is then stopped: heavy, rare work — reading a workbook, drawing a chart — off the thread that
 * answers chats, with a memory cap and a time limit, and none of its libraries kept in the bot's memory.
 * Never rejects.
 */
export function runOneShotWorker<T>(
  url: URL,
  workerData: unknown,
  limits: WorkerLimits,
  ends: WorkerEnds<T>,
): Promise<T> {
  return new Promise((resolve) => {
    const worker = new Worker(url, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: limits.youngMb },
    });
    let settled = false;
    const finish = (outcome: () => T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome());
      worker.terminate().catch(() => undefined);
    };
    const timer = setTimeout(() => finish(ends.timeout), limits.timeoutMs);
    worker.once("message", (result: unknown) => finish(() => ends.message(result)));
    worker.once("error", (error: Error & { code?: string }) => finish(() => ends.error(error)));
    worker.once("exit", () => finish(ends.exit));
  });
}
