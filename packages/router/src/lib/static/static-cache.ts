// Static GET answers: produced once (at build, or on the first request), kept in a CacheStore,
// and served identically afterwards. With `revalidate = N`, an answer older than N seconds is
// still served, and one regeneration runs in the background (stale-while-revalidate).
import type { CacheEntry, CacheStore } from './cache-store.js';

/** `s-maxage` of an answer that never goes stale: one year, in seconds. */
export const ONE_YEAR = 31_536_000;

/**
 * The `Cache-Control` value Next.js sends with a static answer.
 * @param revalidate seconds until stale, or `false` for never
 */
export function cacheControlFor(revalidate: number | false): string {
  return revalidate === false
    ? `s-maxage=${String(ONE_YEAR)}`
    : `s-maxage=${String(revalidate)}, stale-while-revalidate=${String(ONE_YEAR - revalidate)}`;
}

/**
 * Reads a response whole into a cache entry, with the static `Cache-Control` set.
 * @param response what the handler answered
 * @param revalidate the route's revalidate setting
 * @param now the time of production, in ms
 * @param cached `false` for an answer that is not cached (a failure): its own headers are kept
 */
export async function toCacheEntry(
  response: Response,
  revalidate: number | false,
  now: number,
  cached = true,
): Promise<CacheEntry> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: [string, string][] = [];
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie' || (cached && name === 'cache-control')) continue;
    headers.push([name, value]);
  }
  for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
  if (cached) headers.push(['cache-control', cacheControlFor(revalidate)]);
  return {
    status: response.status,
    statusText: response.statusText,
    headers,
    body,
    createdAt: now,
    revalidate,
  };
}

/** What producing a static answer gave: the handler's answer, or the 500 it failed with. */
export interface Production {
  response: Response;
  /** The handler failed: the answer is its 500, and nothing is cached. */
  failed: boolean;
}

/** A production that was stored, or a failed one (its answer, read whole, for each waiter). */
export type Produced = { stored: true; entry: CacheEntry } | { stored: false; answer: CacheEntry };

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * Builds a fresh Response from a cache entry (each request gets its own).
 * @param entry the cached answer
 */
export function fromCacheEntry(entry: CacheEntry): Response {
  const headers = new Headers();
  for (const [name, value] of entry.headers) headers.append(name, value);
  const body = NULL_BODY.has(entry.status) ? null : entry.body.slice();
  return new Response(body, { status: entry.status, statusText: entry.statusText, headers });
}

/** Options for {@link StaticCache}. */
export interface StaticCacheOptions {
  /** The clock, in ms; tests move it. */
  now?: () => number;
  /** Where background regeneration failures are reported. */
  onError?: (key: string, error: unknown) => void;
}

/** Serves static GET answers from a store, producing and regenerating them as needed. */
export class StaticCache {
  readonly #store: CacheStore;
  readonly #now: () => number;
  readonly #onError: (key: string, error: unknown) => void;
  readonly #producing = new Map<string, Promise<Produced>>();
  #seeding: Promise<void> | undefined = undefined;

  /**
   * @param store where answers are kept
   * @param options clock and error reporting
   */
  constructor(store: CacheStore, options: StaticCacheOptions = {}) {
    this.#store = store;
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? (() => undefined);
  }

  /**
   * Answers from the cache, producing the answer on a miss and regenerating a stale one in
   * the background.
   * @param key the cache key (the pathname)
   * @param revalidate the route's revalidate setting
   * @param produce runs the handler and returns its answer
   * @param waitUntil keeps the runtime alive for background work, where the runtime needs it
   */
  async serve(
    key: string,
    revalidate: number | false,
    produce: () => Promise<Production>,
    waitUntil?: (promise: Promise<unknown>) => void,
  ): Promise<Response> {
    if (this.#seeding) await this.#seeding;
    const entry = await this.#store.get(key);
    if (!entry) {
      const produced = await this.produce(key, revalidate, produce);
      return fromCacheEntry(produced.stored ? produced.entry : produced.answer);
    }
    if (entry.revalidate !== false && this.#now() - entry.createdAt >= entry.revalidate * 1000) {
      const regenerating = this.produce(key, revalidate, produce).then(
        (produced) => {
          if (!produced.stored)
            this.#onError(key, new Error(`the handler answered ${produced.answer.status}`));
        },
        (error: unknown) => {
          this.#onError(key, error);
        },
      );
      waitUntil?.(regenerating);
    }
    return fromCacheEntry(entry);
  }

  /**
   * Produces the answer for `key` and stores it, unless the handler failed; concurrent calls
   * for one key share one run.
   * @param key the cache key
   * @param revalidate the route's revalidate setting
   * @param produce runs the handler
   */
  produce(
    key: string,
    revalidate: number | false,
    produce: () => Promise<Production>,
  ): Promise<Produced> {
    const running = this.#producing.get(key);
    if (running) return running;
    const run = (async (): Promise<Produced> => {
      const { response, failed } = await produce();
      // A failed answer is read whole too, so that every request that waited on this production
      // gets its own copy.
      if (failed) {
        return { stored: false, answer: await toCacheEntry(response, 0, this.#now(), false) };
      }
      const entry = await toCacheEntry(response, revalidate, this.#now());
      await this.#store.set(key, entry);
      return { stored: true, entry };
    })().finally(() => this.#producing.delete(key));
    this.#producing.set(key, run);
    return run;
  }

  /**
   * Stores answers made elsewhere (at build); requests wait until they are in the store.
   * @param entries each answer with its cache key
   */
  seed(entries: Iterable<{ path: string; entry: CacheEntry }>): void {
    const writes: Promise<void>[] = [];
    for (const { path, entry } of entries) {
      const write = this.#store.set(path, entry);
      if (write instanceof Promise) writes.push(write);
    }
    if (writes.length > 0) {
      this.#seeding = Promise.all(writes).then(() => {
        this.#seeding = undefined;
      });
    }
  }

  /**
   * Drops the cached answer for a path, so the next request produces it again.
   * @param path the pathname, e.g. `/stats`
   */
  async revalidatePath(path: string): Promise<void> {
    await this.#store.delete(path);
  }
}
