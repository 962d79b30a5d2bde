// The store behind static GET answers. It is small on purpose (get, set, delete) so that a
// deployment with several instances can plug in a shared store (Redis, a KV namespace, a
// database) in place of the in-memory default.

/** One cached answer, as stored: everything needed to answer identically later. */
export interface CacheEntry {
  status: number;
  statusText: string;
  /** Header fields in order, `Set-Cookie` fields each on their own. */
  headers: [string, string][];
  body: Uint8Array;
  /** When the answer was produced, in ms since the epoch. */
  createdAt: number;
  /** Seconds after which the answer is stale, or `false` for never. */
  revalidate: number | false;
}

/** Where static answers are kept; every method may be async. */
export interface CacheStore {
  /** The entry under `key`, or `undefined`. */
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  /** Stores `entry` under `key`, replacing what was there. */
  set(key: string, entry: CacheEntry): void | Promise<void>;
  /** Removes the entry under `key`, if any. */
  delete(key: string): void | Promise<void>;
}

/** The default store: a `Map` in this process's memory. */
export class MemoryCacheStore implements CacheStore {
  readonly #entries = new Map<string, CacheEntry>();

  /** @param key the cache key (the route's pathname) */
  get(key: string): CacheEntry | undefined {
    return this.#entries.get(key);
  }

  /**
   * @param key the cache key
   * @param entry the answer to keep
   */
  set(key: string, entry: CacheEntry): void {
    this.#entries.set(key, entry);
  }

  /** @param key the cache key */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** How many entries are held. */
  get size(): number {
    return this.#entries.size;
  }
}
