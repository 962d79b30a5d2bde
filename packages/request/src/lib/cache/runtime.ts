// What an app's cache is made of, once per router: the handler behind static answers and the
// data cache, the handlers of `'use cache'` (by name), the cacheLife profiles, where failures
// are logged. Reads and writes go through here, so that freshness is decided in one place:
// past `expire` or revalidated in this request → a miss; past `revalidate` (or a stale tag) →
// served stale and refreshed once in the background.
import { guardHandler } from './guard.js';
import { INFINITE_CACHE, type CacheEntry, type CacheHandler } from './handler.js';
import type { CacheLifeProfile } from './profiles.js';
import { readStream, streamOf } from './envelope.js';

/** Where the cache layer logs. */
export interface CacheLogger {
  error(message: string, error?: unknown): void;
  warn(message: string): void;
}

/** Options of {@link createCacheRuntime}. */
export interface CacheRuntimeOptions {
  /** Static answers, `fetch` data and `unstable_cache` results. */
  handler: CacheHandler;
  /** `'use cache: <name>'` handlers; `default` (and any missing name) falls back to `handler`. */
  handlers?: Readonly<Record<string, CacheHandler>>;
  /**
   * The handler is the built-in in-memory one: `'use cache'` entries past `revalidate` are
   * recomputed before answering, as Next's built-in default handler does.
   */
  builtIn: boolean;
  profiles: Record<string, CacheLifeProfile>;
  logger: CacheLogger;
  /** Part of the keys of static answers and `'use cache'` results: a new build starts afresh. */
  buildId: string;
  dev: boolean;
  cacheComponents: boolean;
  now: () => number;
  /** Deadline of one handler call, in ms (500 by default); none for the built-in handler. */
  timeoutMs?: number;
}

/** The times of an entry that decide whether it may be answered. */
type EntryTimes = Pick<CacheEntry, 'timestamp' | 'revalidate' | 'expire'>;

/**
 * Whether an entry is past its `expire` at `now` (ms): it is a miss.
 * @param meta the entry's times
 * @param now the cache clock
 */
export function isExpired(meta: EntryTimes, now: number): boolean {
  return meta.expire < INFINITE_CACHE && now > meta.timestamp + meta.expire * 1000;
}

/**
 * Whether an entry is stale at `now` (ms): marked so (`revalidate` < 0, a revalidated tag) or
 * past its `revalidate`. A stale entry is answered while it is regenerated.
 * @param meta the entry's times
 * @param now the cache clock
 */
export function isStale(meta: EntryTimes, now: number): boolean {
  return (
    meta.revalidate < 0 ||
    (meta.revalidate < INFINITE_CACHE && now > meta.timestamp + meta.revalidate * 1000)
  );
}

/** An entry read back: its bytes and metadata, and whether it is to be refreshed. */
export interface ReadEntry {
  bytes: Uint8Array;
  meta: Omit<CacheEntry, 'value'>;
  /** Past `revalidate`, or a tag of it is stale: serve it and refresh it. */
  stale: boolean;
}

/** A revalidation recorded in a request, applied when its handler has returned. */
export interface PendingRevalidation {
  tag: string;
  profile: string | CacheLifeProfile | undefined;
  at: number;
}

/** The cache of one app. */
export class CacheRuntime {
  readonly handler: CacheHandler;
  readonly builtIn: boolean;
  readonly profiles: Record<string, CacheLifeProfile>;
  readonly logger: CacheLogger;
  readonly buildId: string;
  readonly dev: boolean;
  readonly cacheComponents: boolean;
  readonly now: () => number;
  readonly #handlers = new Map<string, CacheHandler>();
  /** Background refreshes running, by key: one at a time per key in this process. */
  readonly refreshing = new Map<string, Promise<unknown>>();

  /** @param options the handlers, profiles and logger */
  constructor(options: CacheRuntimeOptions) {
    const timeoutMs = options.timeoutMs ?? 500;
    const guard = (handler: CacheHandler, name: string) =>
      options.builtIn && handler === options.handler
        ? handler
        : guardHandler(handler, { timeoutMs, logger: options.logger, name });
    this.handler = guard(options.handler, 'default');
    for (const [name, handler] of Object.entries(options.handlers ?? {}))
      this.#handlers.set(name, handler === options.handler ? this.handler : guard(handler, name));
    this.builtIn = options.builtIn && !this.#handlers.has('default');
    this.profiles = options.profiles;
    this.logger = options.logger;
    this.buildId = options.buildId;
    this.dev = options.dev;
    this.cacheComponents = options.cacheComponents;
    this.now = options.now;
  }

  /**
   * The handler of a `'use cache'` kind (`default`, `remote`, a name of the app's).
   * @param kind the name after `use cache:`, `default` without one
   */
  useCacheHandler(kind: string): CacheHandler | undefined {
    const handler = this.#handlers.get(kind);
    if (handler) return handler;
    return kind === 'default' || kind === 'remote' ? this.handler : undefined;
  }

  /** Every distinct handler, for revalidations. */
  allHandlers(): CacheHandler[] {
    return [...new Set([this.handler, ...this.#handlers.values()])];
  }

  /**
   * Reads an entry and decides its freshness; `undefined` for a miss.
   * @param handler where to read
   * @param key the key
   * @param softTags the request's implicit tags
   * @param options `expiration`: the request's soft-tag expiry from `getExpiration`; `pending`:
   *   revalidations made earlier in this request (read-your-own-writes); `missPastRevalidate`:
   *   treat an entry past `revalidate` as a miss
   */
  async read(
    handler: CacheHandler,
    key: string,
    softTags: string[],
    options: {
      expiration?: number;
      pending?: readonly PendingRevalidation[];
      missPastRevalidate?: boolean;
    } = {},
  ): Promise<ReadEntry | undefined> {
    const entry = await handler.get(key, softTags);
    if (!entry) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = await readStream(entry.value);
    } catch {
      return undefined;
    }
    const meta: Omit<CacheEntry, 'value'> = {
      tags: entry.tags,
      stale: entry.stale,
      timestamp: entry.timestamp,
      expire: entry.expire,
      revalidate: entry.revalidate,
    };
    const now = this.now();
    if (isExpired(meta, now)) return undefined;
    const expiration = options.expiration ?? 0;
    if (expiration > 0 && expiration < Infinity && meta.timestamp <= expiration) return undefined;
    const pending = options.pending ?? [];
    if (
      pending.length > 0 &&
      pending.some(
        (p) => p.at > meta.timestamp && (meta.tags.includes(p.tag) || softTags.includes(p.tag)),
      )
    )
      return undefined;
    const stale = isStale(meta, now);
    // Past its revalidate (not marked stale by a tag), where a miss is wanted instead.
    if (stale && options.missPastRevalidate && meta.revalidate >= 0) return undefined;
    return { bytes, meta, stale };
  }

  /**
   * Stores an entry.
   * @param handler where to write
   * @param key the key
   * @param bytes the value
   * @param meta tags and lifetimes
   */
  write(
    handler: CacheHandler,
    key: string,
    bytes: Uint8Array,
    meta: Omit<CacheEntry, 'value'>,
  ): Promise<void> {
    return handler.set(key, Promise.resolve({ ...meta, value: streamOf(bytes) }));
  }

  /**
   * Runs `work` once per key at a time in this process (a background refresh).
   * @param key the key
   * @param work the refresh
   */
  refreshOnce(key: string, work: () => Promise<unknown>): Promise<unknown> | undefined {
    if (this.refreshing.has(key)) return undefined;
    const running = work()
      .catch(() => undefined)
      .finally(() => {
        this.refreshing.delete(key);
      });
    this.refreshing.set(key, running);
    return running;
  }

  /**
   * Applies a request's revalidations, grouped by profile, to every handler: without a
   * profile the tags expire now; with one they are stale now and expire after its `expire`.
   * An unknown profile name is logged and its tags are left alone.
   * @param revalidations what `revalidateTag`/`revalidatePath` recorded
   */
  async apply(revalidations: readonly PendingRevalidation[]): Promise<void> {
    const groups = new Map<string, { profile: PendingRevalidation['profile']; tags: string[] }>();
    for (const { tag, profile } of revalidations) {
      const id = typeof profile === 'object' ? JSON.stringify(profile) : (profile ?? '');
      let group = groups.get(id);
      if (!group) {
        group = { profile, tags: [] };
        groups.set(id, group);
      }
      if (!group.tags.includes(tag)) group.tags.push(tag);
    }
    const handlers = this.allHandlers();
    const work: Promise<void>[] = [];
    for (const { profile, tags } of groups.values()) {
      let durations: { expire?: number } | undefined;
      if (profile !== undefined) {
        const life = typeof profile === 'object' ? profile : this.profiles[profile];
        if (!life) {
          this.logger.error(
            'Failed to revalidate tags',
            new Error(
              `Invalid profile provided "${typeof profile === 'string' ? profile : JSON.stringify(profile)}" must be configured under cacheLife in next.config or be "max"`,
            ),
          );
          continue;
        }
        durations = { expire: life.expire };
      }
      for (const handler of handlers)
        work.push(durations ? handler.updateTags(tags, durations) : handler.updateTags(tags));
    }
    await Promise.all(work);
  }
}
