import { describe, expect, it } from "vitest";
import { TickBatch } from "../../src/store/tick-batch.ts";

describe("calls made in one moment run as one batch", () => {
  it("runs the calls of one moment together, in order, and each gets its own answer", async () => {
    const batches: number[][] = [];
    const batch = new TickBatch<number, number>(async (inputs) => {
      batches.push(inputs);
      return inputs.map((n) =>
        n === 3 ? { ok: false, error: new Error("three refused") } : { ok: true, value: n * 10 },
      );
    });
    const calls = [1, 2, 3, 4].map((n) => batch.add(n));
    const settled = await Promise.allSettled(calls);
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).toEqual([
      10,
      20,
      "three refused",
      40,
    ]);
    expect(await batch.add(5)).toBe(50); // a later moment: a batch of its own
    expect(batches).toEqual([[1, 2, 3, 4], [5]]);
  });

  it("a batch that fails fails every call in it; calls made while it runs form the next", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batches: string[][] = [];
    const batch = new TickBatch<string, string>(async (inputs) => {
      batches.push(inputs);
      if (inputs.includes("a")) {
        await gate;
        throw new Error("the commit failed");
      }
      return inputs.map((value) => ({ ok: true, value }));
    });
    const first = [batch.add("a"), batch.add("b")];
    await new Promise((resolve) => setImmediate(resolve));
    const second = batch.add("c"); // while the first batch runs
    release();
    expect((await Promise.allSettled(first)).map((s) => s.status)).toEqual(["rejected", "rejected"]);
    expect(await second).toBe("c");
    expect(batches).toEqual([["a", "b"], ["c"]]);
  });

  it("takes at most 200 calls into one batch", async () => {
    const sizes: number[] = [];
    const batch = new TickBatch<number, number>(async (inputs) => {
      sizes.push(inputs.length);
      return inputs.map((value) => ({ ok: true, value }));
    });
    await Promise.all(Array.from({ length: 450 }, (_, i) => batch.add(i)));
    expect(sizes).toEqual([200, 200, 50]);
  });
});
