import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Moves SQLite's WAL checkpoints off the thread that answers taps. A
 * checkpoint copies the write-ahead log into the database file and syncs it
 * to disk; run automatically, it happens inside whichever write crosses the
 * threshold and stalls the event loop for tens of milliseconds at a time. Here
 * a worker thread with its own connection runs a PASSIVE checkpoint every
 * second (it never blocks readers or writers); the main connection keeps a
 * large automatic threshold only as a safety net should the worker die.
 */
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 5000 });
const checkpoint = (mode) => {
  try {
    db.pragma("wal_checkpoint(" + mode + ")");
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
};
const timer = setInterval(() => checkpoint("PASSIVE"), workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint("PASSIVE");
  db.close();
  parentPort.close();
});
`;

/** Pages of WAL after which the main connection checkpoints by itself (the worker normally keeps it far below). */
export const SAFETY_NET_PAGES = 20_000;

export class SqliteCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(path: string, onError: (message: string) => void, intervalMs = 1000) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.worker = new Worker(workerSource, { eval: true, workerData: { driver, path, intervalMs } });
    this.worker.on("message", (m: { error?: string }) => m.error && onError(m.error));
    this.worker.on("error", (error) => onError(String(error)));
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once("exit", () => resolve()));
  }

  /** A last checkpoint, then the worker's connection closes. */
  async stop(): Promise<void> {
    this.worker.ref(); // keep the process alive until the worker has closed its connection
    this.worker.postMessage("stop");
    await this.exited;
  }
}
