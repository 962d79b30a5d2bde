// The default cache handler: entries in this process's (or isolate's) memory, in an LRU bounded
// by bytes (`lru-cache`, `maxSize` = `cacheMaxMemorySize`, 50 MB by default as in Next.js), with
// Next.js's tag manifest: per tag the time it went stale and the time its entries expire.
// It checks the request's soft tags itself, so `getExpiration` answers `Infinity`.
import { INFINITE_CACHE, type CacheEntry, type CacheHandler } from '@approute/request';
import { readStream, streamOf } from '@approute/request/internal';
import { LRUCache } from 'lru-cache';

/** Next.js's default `cacheMaxMemorySize`: 50 MB. */
export const DEFAULT_MAX_MEMORY_SIZE = 50 * 1024 * 1024;

// An entry is counted as what it costs the process, so that the bound holds for RSS rather than
// for payloads alone: twice its bytes (the allocator's share: freed memory it keeps for reuse,
// the copies each request makes) plus the objects that hold it. Calibrated with
// apps/reliability's 100,000-path test (test/cache-memory.test.ts) on Node 20.
const BYTES_FACTOR = 2;
const ENTRY_OVERHEAD = 4096;

// An evicted entry's bytes are released at once rather than at the next full GC: its buffer,
// held by an object that lived long, is moved (transferred) to a new one that the next minor GC
// collects. Without this, evicted buffers pile up in memory the allocator then keeps (measured:
// RSS grew by twice the bound). The stored buffer is never handed out, so nothing reads it after.
function release(bytes: Uint8Array): void {
  if (typeof structuredClone !== 'function' || bytes.byteLength === 0) return;
  try {
    structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
  } catch {
    // Not transferable here: the GC frees it later.
  }
}

interface Stored {
  bytes: Uint8Array;
  meta: Omit<CacheEntry, 'value'>;
}

/** Options of {@link createMemoryCacheHandler}. */
export interface MemoryCacheOptions {
  /**
   * The most memory to take, in bytes: an entry counts twice its value's bytes, its key, its
   * tags and 4 KiB for the objects around it (what it costs the process); 0 keeps nothing.
   */
  maxSize?: number;
  /** The clock, in ms; {@link preciseNow} by default. */
  now?: () => number;
}

let last = 0;
// Read once: a getter on some runtimes (Bun), and the same for the whole process.
const TIME_ORIGIN = performance.timeOrigin;

/**
 * The time in ms with the sub-millisecond part, as Next.js's cache clock, and strictly
 * increasing within the process: an entry produced just before a revalidation is told apart
 * from it even where the clock stands still during a request (Workers advance it only on I/O).
 */
export function preciseNow(): number {
  const now = TIME_ORIGIN + performance.now();
  last = now > last ? now : last + 0.001;
  return last;
}

/**
 * What {@link MemoryCacheHandler.peek} finds: the held record itself (its bytes are never to be
 * handed out or changed: they are released when the entry is evicted) and its metadata as `get`
 * would give it.
 */
export interface PeekedEntry {
  /** The same object for as long as the entry is held: a key for what is made from it. */
  record: object;
  bytes: Uint8Array;
  meta: Omit<CacheEntry, 'value'>;
}

/** The in-memory handler, with a view of what it holds for tests and diagnostics. */
export interface MemoryCacheHandler extends CacheHandler {
  /** How many entries are held. */
  readonly size: number;
  /** How many bytes they are counted as. */
  readonly calculatedSize: number;
  /**
   * What `get` would answer, synchronously and without a stream or a copy: `undefined` for no
   * entry, `null` when an entry for the key is being stored (then `get` must be awaited).
   * @param cacheKey the key
   * @param softTags the implicit tags of the request
   */
  peek(cacheKey: string, softTags: readonly string[]): PeekedEntry | null | undefined;
}

/**
 * A cache handler in memory, bounded by bytes.
 * @param options the bound and the clock
 */
export function createMemoryCacheHandler(options: MemoryCacheOptions = {}): MemoryCacheHandler {
  const maxSize = options.maxSize ?? DEFAULT_MAX_MEMORY_SIZE;
  const now = options.now ?? preciseNow;
  const tags = new Map<string, { stale?: number; expired?: number }>();
  const pending = new Map<string, Promise<void>>();
  const entries =
    maxSize > 0
      ? new LRUCache<string, Stored>({
          maxSize,
          dispose: (stored) => {
            release(stored.bytes);
          },
          sizeCalculation: (stored, key) =>
            stored.bytes.byteLength * BYTES_FACTOR +
            key.length * 2 +
            stored.meta.tags.reduce((sum, tag) => sum + tag.length * 2, 0) +
            ENTRY_OVERHEAD,
        })
      : undefined;

  const expired = (list: readonly string[], timestamp: number, at: number) =>
    list.some((tag) => {
      const expiredAt = tags.get(tag)?.expired;
      return expiredAt !== undefined && expiredAt <= at && expiredAt > timestamp;
    });
  const stale = (list: readonly string[], timestamp: number) =>
    list.some((tag) => (tags.get(tag)?.stale ?? 0) > timestamp);

  const lookup = (cacheKey: string, softTags: readonly string[]): PeekedEntry | undefined => {
    const stored = entries?.get(cacheKey);
    if (!stored) return undefined;
    const { meta } = stored;
    // No tag was ever revalidated (the common case): nothing to look up, and no clock read.
    if (tags.size === 0) return { record: stored, bytes: stored.bytes, meta };
    const at = now();
    if (expired(meta.tags, meta.timestamp, at) || expired(softTags, meta.timestamp, at))
      return undefined;
    const isStale = stale(meta.tags, meta.timestamp) || stale(softTags, meta.timestamp);
    return {
      record: stored,
      bytes: stored.bytes,
      meta: isStale ? { ...meta, revalidate: -1 } : meta,
    };
  };

  return {
    get size() {
      return entries?.size ?? 0;
    },
    get calculatedSize() {
      return entries?.calculatedSize ?? 0;
    },
    async get(cacheKey, softTags) {
      const waiting = pending.get(cacheKey);
      if (waiting) await waiting;
      const found = lookup(cacheKey, softTags);
      return found && { ...found.meta, value: streamOf(found.bytes.slice()) };
    },
    peek(cacheKey, softTags) {
      return pending.has(cacheKey) ? null : lookup(cacheKey, softTags);
    },
    async set(cacheKey, pendingEntry) {
      if (!entries) return;
      let done: () => void = () => undefined;
      const waiting = new Promise<void>((resolve) => {
        done = resolve;
      });
      pending.set(cacheKey, waiting);
      try {
        const entry = await pendingEntry;
        if (entry.expire === 0) return;
        const bytes = await readStream(entry.value);
        const meta: Omit<CacheEntry, 'value'> = {
          tags: entry.tags,
          stale: entry.stale,
          timestamp: entry.timestamp,
          expire: entry.expire,
          revalidate: entry.revalidate,
        };
        if (meta.expire < INFINITE_CACHE) {
          const ttl = meta.timestamp + meta.expire * 1000 - now();
          if (ttl <= 0) return;
        }
        // A buffer of its own (not a view into a larger one), so that releasing it frees it.
        const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
        entries.set(cacheKey, { bytes: own ? bytes : bytes.slice(), meta });
      } catch {
        // A producer that failed or a stream that broke off stores nothing.
      } finally {
        if (pending.get(cacheKey) === waiting) pending.delete(cacheKey);
        done();
      }
    },
    async refreshTags() {
      // One process: nothing to bring up to date.
    },
    getExpiration() {
      return Promise.resolve(Infinity);
    },
    updateTags(list, durations) {
      const at = now();
      for (const tag of list) {
        const current = tags.get(tag) ?? {};
        if (durations) {
          const next = { ...current, stale: at };
          if (durations.expire !== undefined) next.expired = at + durations.expire * 1000;
          tags.set(tag, next);
        } else tags.set(tag, { ...current, expired: at });
      }
      return Promise.resolve();
    },
  };
}
