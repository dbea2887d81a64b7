/**
 * How the bot process keeps its resident memory small (issue 12), in one place: the V8 settings it runs
 * with and the collection it asks for once a burst of work is over. Only the bot's own process uses this
 * (main.ts); a host that embeds Yiqi (embed.ts) keeps its own settings.
 */
import { performance } from "node:perf_hooks";
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * V8 settings, set when the process starts (before the database is opened; both are read by V8 whenever
 * they apply, so they need not be on the command line):
 * - `--heap-growing-percent=100`: after a full collection the old generation may double before the next
 *   one. V8's own factor on a machine with gigabytes of memory is up to 4, so under a burst of taps the old
 *   generation filled with ~150 MiB of garbage before anything was collected. Doubling keeps it within
 *   about what is live for two or three more collections per 10,000 taps; a quarter (25) halved the peak
 *   again but cost ~0.15 ms of CPU per tap (incremental marking most of the time), doubling cost none
 *   measurable (bench/http-taps.ts, notes/memory.md).
 * - `--no-wasm-tier-up`: Prisma's query compiler (WebAssembly) stays on V8's baseline compiler. Optimising
 *   it took 14 MiB of compiler memory at start-up, which the allocator keeps; a Prisma call costs the same
 *   (measured: about 1.2 ms of CPU either way, the time is in JavaScript).
 */
export const V8_FLAGS = ["--heap-growing-percent=100", "--no-wasm-tier-up"] as const;

export function applyV8Flags(): void {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}

/** A full collection, or null if V8 does not let the process ask for one. */
function collector(): (() => void) | null {
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    return typeof gc === "function" ? () => gc() : null;
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

/**
 * Gives memory back after a burst. V8 frees its heap lazily: the garbage of a burst stays committed until
 * the next collection, and V8's own memory reducer waits until allocation has been slow for a while, which
 * with the background loops (cards, sender, scheduler) running took from half a minute to more than one.
 * Here, once the event loop has been idle for `idleMs` and the heap is larger than after the last trim,
 * one full collection runs (tens of milliseconds, when nothing is waiting). While the young generation is
 * still at its grown size, up to two more tries follow, a few seconds apart: V8 shrinks it in a collection
 * only once allocation has been slow for about five seconds.
 */
export function trimWhenIdle(options: IdleTrimOptions = {}): { stop(): void } {
  const gc = collector();
  if (!gc) return { stop() {} };
  const checkMs = options.checkMs ?? 2000;
  const busyBelow = options.busyBelow ?? 0.05;
  const idleMs = options.idleMs ?? 6000;
  const growth = options.growthBytes ?? 8 * MiB;
  let last = performance.eventLoopUtilization();
  let idleFor = 0;
  let trimmedAt = 0; // heap size after the last trim
  let tries = 0;
  const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    idleFor = busy < busyBelow ? idleFor + checkMs : 0;
    const size = getHeapStatistics().total_heap_size;
    if (size > trimmedAt + growth) tries = 0; // work since the last trim: trim again when it is over
    if (idleFor < idleMs || tries >= 3) return;
    if (tries > 0 && newSpace() <= 4 * MiB) return; // the last trim did what it could
    gc();
    tries += 1;
    idleFor = idleMs - 2 * checkMs; // a retry waits two more checks
    trimmedAt = getHeapStatistics().total_heap_size;
    options.onTrim?.(size, trimmedAt);
  }, checkMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
