import { SPREADSHEET_LIMITS, type SpreadsheetRead } from "../imports/spreadsheet-format.ts";
import { runOneShotWorker } from "./one-shot-worker.ts";

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
  return runOneShotWorker<SpreadsheetOutcome>(
    new URL("./spreadsheet-worker.mjs", import.meta.url),
    { bytes, limits },
    { memoryMb: WORKER_MEMORY_MB, youngMb: 64, timeoutMs: WORKER_TIMEOUT_MS },
    {
      message: (result) => result as SpreadsheetRead,
      error: (error) =>
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? { ok: false, error: "too_big_to_read" }
          : { ok: false, error: "unreadable", detail: error.message },
      exit: () => ({ ok: false, error: "unreadable", detail: "the reader stopped" }),
      timeout: () => ({ ok: false, error: "timeout" }),
    },
  );
}
