import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Moves SQLite's WAL checkpoints off the thread that answers taps. A
 * checkpoint copies the write-ahead log into the database file and syncs it
 * to disk; run automatically, it happens inside whichever write crosses the
 * threshold and stalls the event loop for tens of milliseconds at a time. Here
 * a worker thread with its own connection runs a PASSIVE checkpoint (it never
 * blocks readers or writers) every second while the log is being written; the
 * main connection keeps a large automatic threshold only as a safety net
 * should the worker die.
 *
 * The worker lives only while there is something to checkpoint: a worker
 * thread is a second JavaScript engine and costs about 16 MiB of resident
 * memory (issue 12), so an idle bot has none. The main thread looks at the
 * log file once a second (one `stat`, off the event loop); when it changed, the
 * worker is started if need be and asked for a checkpoint; after `idleMs`
 * without a change the worker makes a last checkpoint and exits.
 */
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 5000 });
parentPort.on("message", (message) => {
  try {
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ checkpointed: result ? result.checkpointed : 0 });
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
  if (message === "stop") {
    db.close();
    parentPort.close();
  }
});
`;

/** Pages of WAL after which the main connection checkpoints by itself (the worker normally keeps it far below). */
export const SAFETY_NET_PAGES = 20_000;

export interface CheckpointerOptions {
  /** how often the log file is looked at, and at most how often it is checkpointed */
  intervalMs?: number;
  /** the worker exits after the log has not changed for this long */
  idleMs?: number;
  /** each checkpoint the worker made, with the log frames it copied (tests) */
  onCheckpoint?: (frames: number) => void;
}

export class SqliteCheckpointer {
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private readonly walPath: string;
  private readonly driver: string;
  private readonly idleMs: number;
  /** the log file as last seen (modification time and size; null before the first look), and when it last changed */
  private seen: string | null = null;
  private changedAt = 0;
  private looking = false;
  private stopped = false;

  constructor(
    private readonly path: string,
    private readonly onError: (message: string) => void,
    private readonly options: CheckpointerOptions = {},
  ) {
    this.walPath = `${path}-wal`;
    this.driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.idleMs = options.idleMs ?? 30_000;
    // a look that fails (no worker could be started) is reported, once while it keeps failing the same way,
    // and tried again at the next tick: the timer never ends the process
    let reported = "";
    this.timer = setInterval(() => {
      this.look().then(
        () => {
          reported = "";
        },
        (error: unknown) => {
          if (String(error) !== reported) this.onError(String(error));
          reported = String(error);
        },
      );
    }, options.intervalMs ?? 1000);
    this.timer.unref();
  }

  /** whether a worker thread is running now */
  get running(): boolean {
    return this.worker !== null;
  }

  private async look(): Promise<void> {
    if (this.looking || this.stopped) return;
    this.looking = true;
    try {
      const file = await stat(this.walPath).catch(() => null);
      const now = Date.now();
      const current = file ? `${file.mtimeMs}:${file.size}` : "";
      if (this.stopped) return;
      if (this.seen === null) {
        // the first look only notes the log: what start-up wrote waits for the next write (or the main
        // connection's own checkpoint when it closes), so a bot that starts and stays idle has no worker
        this.seen = current;
        this.changedAt = now;
      } else if (current !== this.seen) {
        this.seen = current;
        this.changedAt = now;
        if (file) this.start().postMessage("checkpoint");
      } else if (this.worker && now - this.changedAt >= this.idleMs) {
        this.retire();
      }
    } finally {
      this.looking = false;
    }
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerSource, { eval: true, workerData: { driver: this.driver, path: this.path } });
    worker.on("message", (m: { error?: string; checkpointed?: number }) => {
      if (m.error) this.onError(m.error);
      else this.options.onCheckpoint?.(m.checkpointed ?? 0);
    });
    worker.on("error", (error) => this.onError(String(error)));
    worker.unref();
    this.exited = new Promise((resolve) =>
      worker.once("exit", () => {
        if (this.worker === worker) this.worker = null; // died: the next change starts another
        resolve();
      }),
    );
    this.worker = worker;
    return worker;
  }

  /** A last checkpoint, then the worker closes its connection and exits. */
  private retire(): Promise<void> {
    const worker = this.worker;
    if (!worker) return this.exited;
    this.worker = null;
    worker.postMessage("stop");
    return this.exited;
  }

  /** A last checkpoint if the worker is running, then it exits; no further checkpoints. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.worker?.ref(); // keep the process alive until the worker has closed its connection
    await this.retire();
  }
}
