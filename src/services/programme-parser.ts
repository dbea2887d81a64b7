import { Worker } from "node:worker_threads";
import { type ProgrammeOptions, type ProgrammeParse, parseProgrammeTable } from "../imports/programme-table.ts";

/** Above this size a table is read on a worker thread: reading a time takes about a millisecond. */
const INLINE_BYTES = 32 * 1024;
const WORKER_TIMEOUT_MS = 120_000;

/**
 * Parses a programme table without blocking the bot: small files at once, big ones on a
 * worker thread (structured cloning keeps the Dates), so other chats are answered meanwhile.
 */
export function parseProgramme(bytes: Buffer, options: ProgrammeOptions): Promise<ProgrammeParse> {
  if (bytes.length <= INLINE_BYTES) return Promise.resolve(parseProgrammeTable(bytes, options));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./programme-parse-worker.mjs", import.meta.url), {
      workerData: { bytes, options },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error("reading the table took too long"));
    }, WORKER_TIMEOUT_MS);
    worker.once("message", (result: ProgrammeParse) => {
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
