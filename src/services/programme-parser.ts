import { Worker } from "node:worker_threads";
import { type ProgrammeSummary, summariseProgramme } from "../imports/programme-summary.ts";
import { type ProgrammeOptions, type ProgrammeParse, parseProgrammeTable } from "../imports/programme-table.ts";

/** A table as read, with its preview numbers when it could be read. */
export type ProgrammeReading =
  | { ok: false; table: Extract<ProgrammeParse, { ok: false }> }
  | { ok: true; table: Extract<ProgrammeParse, { ok: true }>; summary: ProgrammeSummary };

/** Above this size a table is read on a worker thread: reading a time takes about a millisecond. */
const INLINE_BYTES = 32 * 1024;
const WORKER_TIMEOUT_MS = 120_000;

export function readProgramme(bytes: Buffer, options: ProgrammeOptions): ProgrammeReading {
  const table = parseProgrammeTable(bytes, options);
  return table.ok ? { ok: true, table, summary: summariseProgramme(table) } : { ok: false, table };
}

/**
 * Reads a programme table without blocking the bot: small files at once, big ones on a
 * worker thread (structured cloning keeps the Dates), so other chats are answered meanwhile.
 */
export function readProgrammeOffThread(bytes: Buffer, options: ProgrammeOptions): Promise<ProgrammeReading> {
  if (bytes.length <= INLINE_BYTES) return Promise.resolve(readProgramme(bytes, options));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./programme-parse-worker.mjs", import.meta.url), {
      workerData: { bytes, options },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error("reading the table took too long"));
    }, WORKER_TIMEOUT_MS);
    worker.once("message", (result: ProgrammeReading) => {
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
