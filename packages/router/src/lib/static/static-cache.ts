// Static GET answers: produced once (at build, or on the first request), kept through the cache
// handler under `route:<build>:<path>` with the tags of the data they read and the implicit
// tags of their path, and served identically afterwards. An answer past its `revalidate` (or
// one of whose tags was revalidated with a profile) is served stale once more while one
// regeneration runs in the background; past `expire`, or after `revalidateTag(tag)` /
// `revalidatePath`, the next request waits for a fresh one. Answers say which in
// `x-nextjs-cache: MISS | HIT | STALE`, as Next.js's do.
import { INFINITE_CACHE } from '@approute/request';
import {
  bufferedResponse,
  decodeAnswer,
  encodeAnswer,
  isExpired,
  isStale,
  type BufferedAnswer,
  type CacheRuntime,
  type Production as ProductionState,
} from '@approute/request/internal';
import type { MemoryCacheHandler, PeekedEntry } from './memory-cache.js';

/** `s-maxage` of an answer that never goes stale: one year, in seconds. */
export const ONE_YEAR = 31_536_000;

/** The header that says where a static answer came from. */
export const CACHE_STATE_HEADER = 'x-nextjs-cache';

/** A static answer as stored: everything needed to answer identically later. */
export interface StaticEntry {
  status: number;
  statusText: string;
  /** Header fields in order, `Set-Cookie` fields each on their own. */
  headers: [string, string][];
  body: Uint8Array;
  /** When it was produced, in ms since the epoch. */
  timestamp: number;
  /** Seconds until it is stale, or `false` for never. */
  revalidate: number | false;
  /** Seconds until it must not be served. */
  expire: number;
  /** The tags it carries: its path's implicit tags and those of the data it read. */
  tags: string[];
}

/**
 * The `Cache-Control` value Next.js sends with a static answer.
 * @param revalidate seconds until stale, or `false` for never
 * @param expire seconds until it must not be served (one year by default)
 */
export function cacheControlFor(revalidate: number | false, expire = ONE_YEAR): string {
  if (revalidate === false) return `s-maxage=${String(ONE_YEAR)}`;
  const swr = expire > revalidate ? `, stale-while-revalidate=${String(expire - revalidate)}` : '';
  return `s-maxage=${String(revalidate)}${swr}`;
}

/** What producing a static answer gave. */
export interface Production {
  response: Response;
  /** The handler failed: the answer is its 500, and nothing is cached. */
  failed: boolean;
  /** What the handler's data said about the answer (tags, lifetimes, dynamic usage). */
  state: ProductionState;
}

/** A production that was stored, one that failed (its answer, for each waiter), or a dynamic one. */
export type Produced =
  | { kind: 'stored'; entry: StaticEntry }
  | { kind: 'failed'; answer: StaticEntry }
  | { kind: 'dynamic'; reason: string };

const NULL_BODY = new Set([101, 204, 205, 304]);

async function readAnswer(
  response: Response,
): Promise<Omit<StaticEntry, 'timestamp' | 'revalidate' | 'expire' | 'tags'>> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: [string, string][] = [];
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie' || name === 'cache-control' || name === CACHE_STATE_HEADER) continue;
    headers.push([name, value]);
  }
  for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
  return { status: response.status, statusText: response.statusText, headers, body };
}

/**
 * Builds a fresh Response from a stored answer (each request gets its own).
 * @param entry the answer
 * @param state `MISS`, `HIT` or `STALE`; none for a failed production
 */
export function fromEntry(entry: StaticEntry, state?: 'MISS' | 'HIT' | 'STALE'): Response {
  const headers = new Headers();
  for (const [name, value] of entry.headers) headers.append(name, value);
  if (state) headers.set(CACHE_STATE_HEADER, state);
  const body = NULL_BODY.has(entry.status) ? null : entry.body.slice();
  return new Response(body, { status: entry.status, statusText: entry.statusText, headers });
}

// A held entry of the built-in handler as it is answered, worked out once per record: status,
// header fields in the order `Headers` gives them with `x-nextjs-cache` set (for HIT and for
// STALE), and a copy of the body (the held bytes are released when the entry is evicted). The
// light response the Node adapter writes from it has no Headers, stream or copy per request.
interface DecodedRecord {
  hit: BufferedAnswer;
  stale: BufferedAnswer;
}
const decodedRecords = new WeakMap<object, DecodedRecord | null>();

function answerFor(
  status: number,
  statusText: string,
  stored: readonly [string, string][],
  body: Uint8Array | null,
  state: 'HIT' | 'STALE',
): BufferedAnswer {
  const headers = new Headers();
  for (const [name, value] of stored) headers.append(name, value);
  headers.set(CACHE_STATE_HEADER, state);
  const fields: string[] = [];
  for (const [name, value] of headers) fields.push(name, value);
  const sizedFields =
    body === null || headers.has('content-length')
      ? fields
      : [...fields, 'content-length', String(body.byteLength)];
  return { status, statusText, fields, sizedFields, body };
}

function decodedOf(found: PeekedEntry): DecodedRecord | undefined {
  let decoded = decodedRecords.get(found.record);
  if (decoded === undefined) {
    const answer = decodeAnswer(found.bytes);
    if (answer) {
      const { status, statusText, headers } = answer.head;
      const body = NULL_BODY.has(status) ? null : answer.body.slice();
      decoded = {
        hit: answerFor(status, statusText, headers, body, 'HIT'),
        stale: answerFor(status, statusText, headers, body, 'STALE'),
      };
    } else decoded = null;
    decodedRecords.set(found.record, decoded);
  }
  return decoded ?? undefined;
}

/** Options for {@link StaticCache}. */
export interface StaticCacheOptions {
  /** Where background regeneration failures are reported. */
  onError?: (path: string, error: unknown) => void;
}

/** Serves static GET answers through the cache handler, producing and regenerating them. */
export class StaticCache {
  readonly #runtime: CacheRuntime;
  readonly #onError: (path: string, error: unknown) => void;
  readonly #producing = new Map<string, Promise<Produced>>();
  #seeding: Promise<void> | undefined = undefined;

  /**
   * @param runtime the app's cache
   * @param options error reporting
   */
  constructor(runtime: CacheRuntime, options: StaticCacheOptions = {}) {
    this.#runtime = runtime;
    this.#onError = options.onError ?? (() => undefined);
  }

  // The last key made, for the path it was made for: a request for the same path gets the same
  // string, which the handler's Map finds without hashing it again.
  #lastPath = '';
  #lastKey = '';

  #key(path: string): string {
    if (path === this.#lastPath) return this.#lastKey;
    this.#lastPath = path;
    return (this.#lastKey = `route:${this.#runtime.buildId}:${path}`);
  }

  // A fresh or stale answer of the built-in handler, found synchronously; `undefined` sends
  // the request down the general path (a miss, an entry being stored, any other handler).
  #peek(
    path: string,
    softTags: string[],
    produce: () => Promise<Production>,
    waitUntil: ((promise: Promise<unknown>) => void) | undefined,
  ): Response | undefined {
    const runtime = this.#runtime;
    if (!runtime.builtIn) return undefined;
    const handler = runtime.handler as Partial<MemoryCacheHandler>;
    if (typeof handler.peek !== 'function') return undefined;
    const found = handler.peek(this.#key(path), softTags);
    if (!found) return undefined;
    const decoded = decodedOf(found);
    if (!decoded) return undefined;
    // As runtime.read decides for an entry: past expire a miss, past revalidate stale.
    const { meta } = found;
    const now = runtime.now();
    if (isExpired(meta, now)) return undefined;
    if (!isStale(meta, now)) return bufferedResponse(decoded.hit);
    this.#regenerate(path, softTags, produce, waitUntil);
    return bufferedResponse(decoded.stale);
  }

  #regenerate(
    path: string,
    softTags: string[],
    produce: () => Promise<Production>,
    waitUntil: ((promise: Promise<unknown>) => void) | undefined,
  ): void {
    const regenerating = this.#runtime.refreshOnce(this.#key(path), () =>
      this.produce(path, softTags, produce).then(
        (produced) => {
          if (produced.kind === 'failed')
            this.#onError(path, new Error(`the handler answered ${produced.answer.status}`));
        },
        (error: unknown) => {
          this.#onError(path, error);
        },
      ),
    );
    if (regenerating) waitUntil?.(regenerating);
  }

  async #read(
    path: string,
    softTags: string[],
  ): Promise<{ entry: StaticEntry; stale: boolean } | undefined> {
    const runtime = this.#runtime;
    const handler = runtime.handler;
    let expiration: number | undefined;
    if (!runtime.builtIn) {
      await handler.refreshTags();
      expiration = await handler.getExpiration(softTags);
    }
    const read = await runtime.read(handler, this.#key(path), softTags, { expiration });
    if (!read) return undefined;
    const answer = decodeAnswer(read.bytes);
    if (!answer) return undefined;
    const { meta } = read;
    return {
      stale: read.stale,
      entry: {
        status: answer.head.status,
        statusText: answer.head.statusText,
        headers: answer.head.headers,
        body: answer.body,
        timestamp: meta.timestamp,
        revalidate: meta.revalidate >= INFINITE_CACHE ? false : Math.max(meta.revalidate, 0),
        expire: meta.expire,
        tags: meta.tags,
      },
    };
  }

  /**
   * Answers from the cache, producing the answer on a miss and regenerating a stale one in
   * the background; `undefined` when the production found the route dynamic.
   * @param path the pathname (the key)
   * @param softTags the path's implicit tags
   * @param produce runs the handler
   * @param waitUntil keeps the runtime alive for background work, where the runtime needs it
   */
  serve(
    path: string,
    softTags: string[],
    produce: () => Promise<Production>,
    waitUntil?: (promise: Promise<unknown>) => void,
  ): Response | Promise<Response | undefined> {
    // A hit in the built-in handler is answered at once, with no promise.
    const hit = this.#seeding ? undefined : this.#peek(path, softTags, produce, waitUntil);
    return hit ?? this.#serve(path, softTags, produce, waitUntil);
  }

  async #serve(
    path: string,
    softTags: string[],
    produce: () => Promise<Production>,
    waitUntil?: (promise: Promise<unknown>) => void,
  ): Promise<Response | undefined> {
    if (this.#seeding) await this.#seeding;
    const found = await this.#read(path, softTags);
    if (!found) {
      const produced = await this.produce(path, softTags, produce);
      if (produced.kind === 'dynamic') return undefined;
      return produced.kind === 'stored'
        ? fromEntry(produced.entry, 'MISS')
        : fromEntry(produced.answer);
    }
    if (found.stale) {
      this.#regenerate(path, softTags, produce, waitUntil);
      return fromEntry(found.entry, 'STALE');
    }
    return fromEntry(found.entry, 'HIT');
  }

  /**
   * Produces the answer for `path` and stores it, unless the handler failed or the answer
   * turned out dynamic; concurrent calls for one path share one run.
   * @param path the pathname
   * @param softTags the path's implicit tags (stored with the answer)
   * @param produce runs the handler
   */
  produce(
    path: string,
    softTags: readonly string[],
    produce: () => Promise<Production>,
  ): Promise<Produced> {
    const running = this.#producing.get(path);
    if (running) return running;
    const runtime = this.#runtime;
    const run = (async (): Promise<Produced> => {
      const started = runtime.now();
      const { response, failed, state } = await produce();
      if (state.dynamic !== undefined) {
        void response.body?.cancel().catch(() => undefined);
        return { kind: 'dynamic', reason: state.dynamic };
      }
      const answer = await readAnswer(response);
      if (failed) {
        const headers: [string, string][] = [...response.headers];
        return {
          kind: 'failed',
          answer: { ...answer, headers, timestamp: started, revalidate: 0, expire: 0, tags: [] },
        };
      }
      const revalidate = state.revalidate >= INFINITE_CACHE ? false : state.revalidate;
      const expire = Math.min(state.expire, ONE_YEAR);
      answer.headers.push(['cache-control', cacheControlFor(revalidate, expire)]);
      const tags = [...new Set([...softTags, ...state.tags])];
      const entry: StaticEntry = { ...answer, timestamp: started, revalidate, expire, tags };
      await this.#write(path, entry);
      return { kind: 'stored', entry };
    })().finally(() => this.#producing.delete(path));
    this.#producing.set(path, run);
    return run;
  }

  #write(path: string, entry: StaticEntry): Promise<void> {
    const { status, statusText, headers, body, timestamp, revalidate, expire, tags } = entry;
    return this.#runtime.write(
      this.#runtime.handler,
      this.#key(path),
      encodeAnswer({ status, statusText, headers }, body),
      {
        tags,
        stale: 0,
        timestamp,
        revalidate: revalidate === false ? INFINITE_CACHE : revalidate,
        expire,
      },
    );
  }

  /**
   * Stores answers made at build unless the handler already holds one for the path (another
   * instance's, possibly newer); requests wait until this is done.
   * @param entries each answer with its path
   */
  seed(entries: Iterable<{ path: string; entry: StaticEntry }>): void {
    const list = [...entries];
    if (list.length === 0) return;
    this.#seeding = (async () => {
      for (const { path, entry } of list) {
        const held = await this.#runtime.handler.get(this.#key(path), []);
        if (held) void held.value.cancel().catch(() => undefined);
        else await this.#write(path, entry);
      }
    })().then(
      () => {
        this.#seeding = undefined;
      },
      (error: unknown) => {
        this.#seeding = undefined;
        this.#onError('(prerendered answers)', error);
      },
    );
  }
}
