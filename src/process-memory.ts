/**
 * How the bot process keeps its resident memory small (issue 12), in one place: the V8 settings it runs
 * with and the collection it asks for once a burst of work is over. Only the bot's own process uses this
 * (main.ts); a host that embeds Yiqi (embed.ts) keeps its own settings.
 *
 * One setting cannot be made from here, because glibc reads it before any JavaScript runs: the start script
 * (package.json, and docs/deploy/yiqi@.service) sets `MALLOC_TRIM_THRESHOLD_=1048576`. By default glibc raises
 * its trim threshold each time a large block is freed (up to 64 MiB) and then keeps that much freed memory in
 * each arena: 15-30 MiB of native memory (V8's compiler and GC threads, SQLite, the WebAssembly compiler)
 * stayed resident when idle. 1 MiB gives it back; at glibc's own 128 KiB the SQLite tap path grew and shrank
 * the heap twice per tap (16,000 brk calls per 6,000 taps, 5x the page faults, +0.05 ms of system CPU per tap).
 */
import { performance } from "node:perf_hooks";
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * V8 settings, set when the process starts (before the database is opened; V8 reads them whenever they
 * apply, so they need not be on the command line):
 * - `--no-wasm-tier-up`: Prisma's query compiler (WebAssembly) stays on V8's baseline compiler. Optimising
 *   it took 14 MiB of compiler memory at start-up, which the allocator keeps; a Prisma call costs the same
 *   (measured: about 1.2 ms of CPU either way, the time is in JavaScript).
 */
export const V8_FLAGS = ["--no-wasm-tier-up"] as const;
// Not set: `--heap-growing-percent=100` (the old generation may only double between full collections;
// V8's own factor here is up to 4). It lowered the peak of 10,000 sign-ups by 35-100 MiB but cost about
// 0.06 ms of CPU per tap on PostgreSQL in paired runs (notes/memory.md), and no flag may raise that.

export function applyV8Flags(): void {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}

/** V8's collector (a full collection, or with `{ type: "minor" }` the young generation's), or null if V8 does not let the process ask for one. */
function collector(): ((options?: { type: "minor" }) => void) | null {
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    return typeof gc === "function" ? (options) => (options ? gc(options) : gc()) : null;
  } catch {
    return null;
  }
}

export interface IdleTrimOptions {
  /** how often the event loop and the heap are looked at */
  checkMs?: number;
  /** the loop must have been this idle (share of the time busy) … */
  busyBelow?: number;
  /** … for this long before a collection */
  idleMs?: number;
  /** and the heap must have grown by this much since the last one (or the young generation be large) */
  growthBytes?: number;
  /** told about each collection (logs, tests) */
  onTrim?: (before: number, after: number) => void;
}

const MiB = 1024 * 1024;
/** V8 shrinks the young generation when allocation over its last ten collections was below 1 MB/s */
const YOUNG_TRIES = 16;
const YOUNG_GAP_MS = 50;
/** the young generation counts as shrunk at this size (V8 starts it at 1 MiB and grows it to 32 MiB under load) */
const YOUNG_SMALL = 4 * MiB;

const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space");

/**
 * Gives memory back after a burst, and after start-up. V8 frees its heap lazily: the garbage of a burst stays
 * committed until the next collection, and V8's own memory reducer waits until allocation has been slow for a
 * while, which with the background loops (cards, sender, scheduler) running took from half a minute to more
 * than one. Here, once the event loop has been idle for `idleMs` and the heap is larger than after the last
 * trim (or than nothing, at start), one full collection runs (tens of milliseconds, when nothing is waiting).
 *
 * The young generation grows to 32 MiB in a burst (start-up is one) and V8 shrinks it only in a collection
 * that finds allocation slow over its last ten collections (about 1 MB/s, V8's `ReduceNewSpaceSize`). A full
 * collection does not count there, so after it a few young-generation collections follow, 20 ms apart (each
 * well under a millisecond on an empty young generation), until it has shrunk; if allocation picks up
 * meanwhile they stop, and up to two more tries follow at the next idle moments.
 */
export function trimWhenIdle(options: IdleTrimOptions = {}): { stop(): void } {
  const gc = collector();
  if (!gc) return { stop() {} };
  const checkMs = options.checkMs ?? 1000;
  const busyBelow = options.busyBelow ?? 0.05;
  const idleMs = options.idleMs ?? 2000;
  const growth = options.growthBytes ?? 8 * MiB;
  let last = performance.eventLoopUtilization();
  let idleFor = 0;
  let trimmedAt = 0; // heap size after the last trim
  let tries = 0;
  let trimming = false;
  let stopped = false;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      setTimeout(resolve, ms).unref();
    });

  /** Young-generation collections until V8 shrinks it, or allocation is too fast for it to. */
  const shrinkYoung = async () => {
    for (let i = 0; i < YOUNG_TRIES && !stopped; i++) {
      const young = newSpace();
      if (!young || young.space_size <= YOUNG_SMALL) return;
      gc({ type: "minor" });
      await sleep(YOUNG_GAP_MS);
    }
  };

  const trim = async (size: number) => {
    gc();
    await shrinkYoung();
    tries += 1;
    trimmedAt = getHeapStatistics().total_heap_size;
    options.onTrim?.(size, trimmedAt);
  };

  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    idleFor = busy < busyBelow ? idleFor + checkMs : 0;
    if (trimming) return;
    const size = getHeapStatistics().total_heap_size;
    if (size > trimmedAt + growth) tries = 0; // work since the last trim: trim again when it is over
    if (idleFor < idleMs || tries >= 3) return;
    if (tries > 0 && (newSpace()?.space_size ?? 0) <= YOUNG_SMALL) return; // the last trim did what it could
    trimming = true;
    idleFor = 0; // a retry waits for another idle stretch
    trim(size)
      .catch(() => {}) // a collection cannot fail; nothing here may end the process
      .finally(() => {
        trimming = false;
      });
  }, checkMs);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
