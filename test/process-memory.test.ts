import { getHeapSpaceStatistics } from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import { trimWhenIdle } from "../src/process-memory.ts";

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Garbage: objects that survive long enough to reach the old generation, then are dropped. */
async function makeGarbage(): Promise<void> {
  let keep: unknown[] = [];
  for (let round = 0; round < 4; round++) {
    keep = Array.from({ length: 100_000 }, (_, i) => ({ i, text: `row ${i} of ${round}` }));
    await sleep(0);
  }
  keep.length = 0;
}

describe("trimWhenIdle", () => {
  let trimmer: { stop(): void } | undefined;
  afterEach(() => trimmer?.stop());

  it("collects once the event loop has been idle after the heap grew, and the heap is smaller after", async () => {
    const trims: { before: number; after: number }[] = [];
    trimmer = trimWhenIdle({
      checkMs: 20,
      idleMs: 60,
      growthBytes: MiB,
      busyBelow: 0.5,
      onTrim: (before, after) => trims.push({ before, after }),
    });
    await makeGarbage();
    for (let i = 0; i < 200 && trims.length === 0; i++) await sleep(20);
    expect(trims.length).toBeGreaterThan(0);
    const first = trims[0] as { before: number; after: number };
    expect(first.after).toBeLessThan(first.before);
  });

  it("gives the young generation back too once the loop is idle (V8 keeps it at its grown size otherwise)", async () => {
    const young = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0;
    // a burst of short-lived objects grows the young generation to its maximum
    for (let i = 0; i < 40 && young() <= 8 * MiB; i++) await makeGarbage();
    expect(young()).toBeGreaterThan(8 * MiB);
    const trims: number[] = [];
    trimmer = trimWhenIdle({ checkMs: 20, idleMs: 60, growthBytes: MiB, busyBelow: 0.5, onTrim: (b) => trims.push(b) });
    for (let i = 0; i < 200 && trims.length === 0; i++) await sleep(20);
    expect(trims.length).toBeGreaterThan(0);
    expect(young()).toBeLessThanOrEqual(4 * MiB);
  });

  it("does not collect while the event loop is busy", async () => {
    const trims: number[] = [];
    trimmer = trimWhenIdle({ checkMs: 20, idleMs: 60, growthBytes: 0, busyBelow: 0.5, onTrim: (b) => trims.push(b) });
    // busy: each turn of the loop computes for 30 ms and yields for a moment, for half a second
    const until = Date.now() + 500;
    while (Date.now() < until) {
      const turn = Date.now() + 30;
      while (Date.now() < turn) Math.sqrt(Math.random());
      await sleep(1);
    }
    expect(trims).toEqual([]);
  });
});
