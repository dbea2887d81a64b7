import { Worker } from "node:worker_threads";
import { SPREADSHEET_LIMITS, type SpreadsheetRead } from "../imports/spreadsheet-format.ts";

/** Memory a spreadsheet's worker may use; past it the worker is stopped and the file refused. */
const WORKER_MEMORY_MB = 512;
const WORKER_TIMEOUT_MS = 60_000;

export type SpreadsheetOutcome = SpreadsheetRead | { ok: false; error: "too_big_to_read" | "timeout"; detail?: string };

/**
 * Reads a workbook on a worker thread with a memory cap and a time limit, so a hostile or huge file
 * cannot stall or exhaust the bot: the chats around it are answered meanwhile.
 */
export function readSpreadsheetOffThread(
  bytes: Buffer,
  options: { sheet?: string | undefined; maxRows?: number } = {},
): Promise<SpreadsheetOutcome> {
  const limits = {
    ...SPREADSHEET_LIMITS,
    ...(options.maxRows ? { maxRows: options.maxRows } : {}),
    sheet: options.sheet,
  };
  return new Promise((resolve) => {
    const worker = new Worker(new URL("./spreadsheet-worker.mjs", import.meta.url), {
      workerData: { bytes, limits },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB, maxYoungGenerationSizeMb: 64 },
    });
    let settled = false;
    const finish = (outcome: SpreadsheetOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
      void worker.terminate();
    };
    const timer = setTimeout(() => finish({ ok: false, error: "timeout" }), WORKER_TIMEOUT_MS);
    worker.once("message", (result: SpreadsheetRead) => finish(result));
    worker.once("error", (error: Error & { code?: string }) =>
      finish(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? { ok: false, error: "too_big_to_read" }
          : { ok: false, error: "unreadable", detail: error.message },
      ),
    );
    worker.once("exit", () => finish({ ok: false, error: "unreadable", detail: "the reader stopped" }));
  });
}
