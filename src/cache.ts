/**
 * What a long-lived object of this process remembers about users and chats, bounded (issue 12): one rule for
 * every such cache, so memory does not grow with the number of people the bot has ever seen. When a cache is
 * full, the entry used longest ago goes; an entry older than `maxAgeMs` is not answered (and goes when met).
 * A person or chat evicted is only read or written afresh on their next update.
 */

/** entries each cache keeps at most: about 2–4 MiB each with the keys and values stored here */
export const CACHE_ENTRIES = 20_000;

export interface CacheOptions<K, V> {
  /** entries kept at most (default `CACHE_ENTRIES`) */
  max?: number;
  /** an entry older than this is stale (default: never) */
  maxAgeMs?: number;
  /** the clock for `maxAgeMs` (tests) */
  now?: () => number;
  /** told about each entry pushed out because the cache was full (not about deletes or stale entries) */
  onEvict?: (key: K, value: V) => void;
}

interface Entry<V> {
  value: V;
  at: number;
}

/** A map that keeps its most recently used entries (JavaScript's Map keeps insertion order: the first is the oldest). */
export class Cache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  readonly max: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly onEvict: ((key: K, value: V) => void) | undefined;

  constructor(options: CacheOptions<K, V> = {}) {
    this.max = Math.max(1, options.max ?? CACHE_ENTRIES);
    this.maxAgeMs = options.maxAgeMs ?? Number.POSITIVE_INFINITY;
    this.now = options.now ?? Date.now;
    this.onEvict = options.onEvict;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, if it is there and fresh; it becomes the most recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (this.maxAgeMs !== Number.POSITIVE_INFINITY && this.now() - entry.at >= this.maxAgeMs) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.maxAgeMs === Number.POSITIVE_INFINITY ? 0 : this.now() });
    while (this.entries.size > this.max) {
      const [oldest, entry] = this.entries.entries().next().value as [K, Entry<V>];
      this.entries.delete(oldest);
      this.onEvict?.(oldest, entry.value);
    }
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Keys and values, the least recently used first (without making them used). */
  *[Symbol.iterator](): IterableIterator<[K, V]> {
    for (const [key, entry] of this.entries) yield [key, entry.value];
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }

  values(): IterableIterator<V> {
    return (function* (entries) {
      for (const entry of entries.values()) yield entry.value;
    })(this.entries);
  }
}
