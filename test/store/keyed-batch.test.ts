import { describe, expect, it } from "vitest";
import { KeyedBatch } from "../../src/store/keyed-batch.ts";

const moment = () => new Promise((resolve) => setImmediate(resolve));
/** Lets a batch that just ended start what waited for it (its end schedules the next moment's batch). */
const settle = async () => {
  await moment();
  await moment();
};

/** A batch runner whose batches end when the test says so: `ends[n]()` ends the n-th batch. */
function gated(fail: (inputs: string[]) => boolean = () => false) {
  const batches: string[][] = [];
  const ends: (() => void)[] = [];
  const run = async (inputs: string[]) => {
    batches.push(inputs);
    await new Promise<void>((resolve) => ends.push(resolve));
    if (fail(inputs)) throw new Error("the commit failed");
    return inputs.map((value) => ({ ok: true as const, value }));
  };
  return { batches, ends, run };
}

/** Inputs are "key:n"; the key is the part before the colon. */
const keyOf = (input: string) => input.split(":")[0] as string;

describe("batches on different keys run at the same time, calls on one key in order", () => {
  it("runs the calls of one moment together, in order, and each gets its own answer", async () => {
    const batches: string[][] = [];
    const batch = new KeyedBatch<string, string, string>(
      keyOf,
      async (inputs) => {
        batches.push(inputs);
        return inputs.map((v) => (v === "b:1" ? { ok: false, error: new Error("refused") } : { ok: true, value: v }));
      },
      { maxInFlight: 2, maxBatch: 200 },
    );
    const settled = await Promise.allSettled(["a:1", "b:1", "a:2"].map((v) => batch.add(v)));
    expect(batches).toEqual([["a:1", "b:1", "a:2"]]);
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).toEqual([
      "a:1",
      "refused",
      "a:2",
    ]);
  });

  it("a call on a key a running batch holds waits for it to end; calls on other keys do not wait", async () => {
    const { batches, ends, run } = gated();
    const batch = new KeyedBatch<string, string, string>(keyOf, run, { maxInFlight: 3, maxBatch: 200 });
    const first = [batch.add("a:1"), batch.add("b:1")];
    await moment();
    const second = [batch.add("a:2"), batch.add("c:1"), batch.add("a:3")];
    await moment();
    // c:1 runs beside the first batch; a:2 and a:3 wait for it, in their order
    expect(batches).toEqual([["a:1", "b:1"], ["c:1"]]);
    ends[1]?.();
    expect(await second[1]).toBe("c:1");
    await moment();
    expect(batches).toHaveLength(2);
    ends[0]?.();
    await Promise.all(first);
    await settle();
    expect(batches).toEqual([["a:1", "b:1"], ["c:1"], ["a:2", "a:3"]]);
    ends[2]?.();
    expect(await Promise.all([second[0], second[2]])).toEqual(["a:2", "a:3"]);
  });

  it("runs at most maxInFlight batches; what waits forms the next batch when one ends", async () => {
    const { batches, ends, run } = gated();
    const batch = new KeyedBatch<string, string, string>(keyOf, run, { maxInFlight: 2, maxBatch: 200 });
    const calls = [batch.add("a:1")];
    await moment();
    calls.push(batch.add("b:1"));
    await moment();
    calls.push(batch.add("c:1"));
    await moment();
    calls.push(batch.add("d:1"));
    await moment();
    expect(batches).toEqual([["a:1"], ["b:1"]]);
    ends[1]?.();
    await calls[1];
    await settle();
    expect(batches).toEqual([["a:1"], ["b:1"], ["c:1", "d:1"]]);
    ends[0]?.();
    ends[2]?.();
    expect(await Promise.all(calls)).toEqual(["a:1", "b:1", "c:1", "d:1"]);
  });

  it("a batch that fails fails its calls only; the next call on its key runs after it", async () => {
    const { batches, ends, run } = gated((inputs) => inputs.includes("a:1"));
    const batch = new KeyedBatch<string, string, string>(keyOf, run, { maxInFlight: 2, maxBatch: 200 });
    const first = batch.add("a:1");
    await moment();
    const second = batch.add("a:2");
    await moment();
    expect(batches).toEqual([["a:1"]]);
    ends[0]?.();
    await expect(first).rejects.toThrow("the commit failed");
    await settle();
    expect(batches).toEqual([["a:1"], ["a:2"]]);
    ends[1]?.();
    expect(await second).toBe("a:2");
  });

  it("takes at most maxBatch calls into one batch; a key left out leaves its later calls out too", async () => {
    const { batches, ends, run } = gated();
    const batch = new KeyedBatch<string, string, string>(keyOf, run, { maxInFlight: 1, maxBatch: 2 });
    const calls = ["a:1", "b:1", "b:2", "c:1", "b:3"].map((v) => batch.add(v));
    await moment();
    expect(batches).toEqual([["a:1", "b:1"]]);
    ends[0]?.();
    await Promise.all(calls.slice(0, 2));
    await settle();
    expect(batches[1]).toEqual(["b:2", "c:1"]);
    ends[1]?.();
    await Promise.all(calls.slice(2, 4));
    await settle();
    ends[2]?.();
    expect(await Promise.all(calls)).toEqual(["a:1", "b:1", "b:2", "c:1", "b:3"]);
    expect(batches).toEqual([["a:1", "b:1"], ["b:2", "c:1"], ["b:3"]]);
  });
});
