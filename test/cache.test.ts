import { describe, expect, it } from "vitest";
import { Cache } from "../src/cache.ts";

describe("Cache (every per-user and per-chat cache of the process, issue 12)", () => {
  it("never holds more than its bound, and lets the entry used longest ago go first", () => {
    const evicted: number[] = [];
    const cache = new Cache<number, string>({ max: 3, onEvict: (key) => evicted.push(key) });
    for (const n of [1, 2, 3]) cache.set(n, `v${n}`);
    expect(cache.get(1)).toBe("v1"); // 1 is now the most recently used
    cache.set(4, "v4");
    expect(cache.size).toBe(3);
    expect(evicted).toEqual([2]);
    expect([...cache.keys()]).toEqual([3, 1, 4]);
    for (let n = 5; n < 1000; n++) {
      cache.set(n, `v${n}`);
      expect(cache.size).toBeLessThanOrEqual(3);
    }
    expect(cache.get(999)).toBe("v999");
    expect(cache.get(1)).toBeUndefined();
  });

  it("answers an entry only while it is fresh; null is a value, not a miss", () => {
    let t = 0;
    const cache = new Cache<string, string | null>({ maxAgeMs: 60_000, now: () => t });
    cache.set("a", null);
    t = 59_999;
    expect(cache.get("a")).toBeNull();
    expect(cache.has("a")).toBe(true);
    t = 60_000;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0); // a stale entry goes when met
  });

  it("setting a key again replaces it without growing, deleting and clearing forget", () => {
    const cache = new Cache<bigint, number>({ max: 2 });
    cache.set(1n, 1).set(1n, 2);
    expect(cache.size).toBe(1);
    expect(cache.get(1n)).toBe(2);
    cache.set(2n, 3);
    expect(cache.delete(1n)).toBe(true);
    expect([...cache]).toEqual([[2n, 3]]);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
