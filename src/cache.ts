/**
 * What a long-lived object of this process remembers about users and chats, bounded (issue 12): one rule for
 * every such cache, so memory does not grow with the number of people the bot has ever seen. Each is an
 * `lru-cache` (the library): when it is full, the entry used longest ago goes; an entry older than `ttlMs` is
 * not answered (and goes when met; nothing runs in the background for it). A person or chat evicted is only
 * read or written afresh on their next update.
 *
 * Values cannot be `undefined` or `null` (a miss is `undefined`): a cache of "maybe nothing" stores a box.
 */
import { LRUCache } from "lru-cache";

/** entries each cache keeps at most: about 2–4 MiB each with the keys and values stored here */
export const CACHE_ENTRIES = 20_000;

export interface CacheOptions<K, V> {
  /** entries kept at most (default `CACHE_ENTRIES`) */
  max?: number | undefined;
  /** an entry older than this is stale (default: never) */
  ttlMs?: number;
  /** the clock for `ttlMs`, in milliseconds (default the library's monotonic one; tests pass theirs) */
  now?: () => number;
  /** told about each entry pushed out because the cache was full (not about deletes, replacements or stale entries) */
  onEvict?: (key: K, value: V) => void;
}

export type Cache<K extends {}, V extends {}> = LRUCache<K, V>;

export function boundedCache<K extends {}, V extends {}>(options: CacheOptions<K, V> = {}): Cache<K, V> {
  const { onEvict } = options;
  return new LRUCache<K, V>({
    max: Math.max(1, options.max ?? CACHE_ENTRIES),
    ...(options.ttlMs !== undefined
      ? {
          ttl: options.ttlMs,
          // read the clock on each look-up rather than caching it behind a 1 ms timer (one timer per look-up burst)
          ttlResolution: 0,
          ...(options.now ? { perf: { now: options.now } } : {}),
        }
      : {}),
    ...(onEvict
      ? {
          dispose: (value: V, key: K, reason: LRUCache.DisposeReason) => {
            if (reason === "evict") onEvict(key, value);
          },
        }
      : {}),
  });
}
