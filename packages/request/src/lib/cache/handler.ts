// The one cache interface of approute, behind static GET answers, `fetch` data,
// `unstable_cache` results and `'use cache'` results: Next.js 16's `cacheHandlers` interface
// unchanged (docs/cache-interface.md), so that a handler written for Next.js works here and the
// other way round. Entries are bytes plus metadata; a handler knows nothing of what they hold.

/** Milliseconds since the epoch. */
export type Timestamp = number;

/** `expire` of an entry that never expires: Next.js's `INFINITE_CACHE` (0xfffffffe seconds). */
export const INFINITE_CACHE = 0xfffffffe;

/** One cached value with its lifetimes and tags. */
export interface CacheEntry {
  /** The stored bytes; a new stream on every `get`, consumed once by `set`. */
  value: ReadableStream<Uint8Array>;
  /** The tags the entry was stored with (not the soft tags of the request that read it). */
  tags: string[];
  /** Seconds a client may use it without asking (client routers only). */
  stale: number;
  /** When the entry was produced. */
  timestamp: Timestamp;
  /** Seconds after `timestamp` when it must no longer be served. */
  expire: number;
  /** Seconds after `timestamp` when it is served stale and refreshed; negative: refresh now. */
  revalidate: number;
}

/** Where cache entries live: the in-memory default, Redis, a KV store. */
export interface CacheHandler {
  /**
   * The entry under `cacheKey`, or `undefined` when there is none or a tag (or soft tag) of it
   * has expired since it was produced. An entry with a stale tag comes back with a negative
   * `revalidate`.
   * @param cacheKey the key
   * @param softTags the implicit tags of the request (`_N_T_/…`): revalidatePath's targets
   */
  get(cacheKey: string, softTags: string[]): Promise<CacheEntry | undefined>;
  /**
   * Stores an entry that may still be streaming; a `get` of the same key waits for it.
   * @param cacheKey the key
   * @param pendingEntry the entry, once produced
   */
  set(cacheKey: string, pendingEntry: Promise<CacheEntry>): Promise<void>;
  /** Called once per request before its first read: bring a local copy of tag state up to date. */
  refreshTags(): Promise<void>;
  /**
   * The latest time one of `tags` expired, `0` for never, or `Infinity` when the handler checks
   * the soft tags given to `get` itself.
   * @param tags soft tags
   */
  getExpiration(tags: string[]): Promise<Timestamp>;
  /**
   * Records a revalidation: without `durations`, entries carrying a tag expire now; with them,
   * they are stale now and expire after `durations.expire` seconds.
   * @param tags the tags
   * @param durations the cacheLife profile's expire, for `revalidateTag(tag, profile)`
   */
  updateTags(tags: string[], durations?: { expire?: number }): Promise<void>;
}
