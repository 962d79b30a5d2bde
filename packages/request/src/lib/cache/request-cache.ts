// The cache state of one request: its implicit tags, the revalidations it made (applied when its
// handler has returned), per-request memoization of `'use cache'` calls, and, while a static
// answer is being produced, what the data it read says about the answer (tags, the shortest
// lifetime, whether it has to be dynamic after all).
import { INFINITE_CACHE, type CacheHandler } from './handler.js';
import type { CacheRuntime, PendingRevalidation } from './runtime.js';
import { implicitTags } from './tags.js';

/** What producing a static answer learns from the code it runs. */
export interface Production {
  /** `dynamic = 'force-static'`: dynamic APIs do not make the answer dynamic. */
  forceStatic: boolean;
  /** `dynamic = 'error'`: a dynamic API fails the production. */
  dynamicError: boolean;
  /** Seconds until stale ({@link INFINITE_CACHE}: never); the shortest of the route's and its data's. */
  revalidate: number;
  /** Seconds until it must not be served; the shortest of its data's. */
  expire: number;
  /** The tags of the data it read. */
  tags: Set<string>;
  /** Set when the answer cannot be static: the expression that made it dynamic. */
  dynamic: string | undefined;
}

/** Options of {@link RequestCache}. */
export interface RequestCacheInit {
  runtime: CacheRuntime;
  /** The route's path as written, e.g. `/blog/[slug]`, for error messages. */
  route: string;
  /** The route's page path for implicit tags (`/blog/[slug]/route`). */
  page: string;
  /** The request path below the base path. */
  pathname: string;
  /** The route's `fetchCache` segment option, when exported. */
  fetchCache?: string;
  /** `dynamic = 'force-dynamic'`. */
  forceDynamic?: boolean;
  /** Set while a static answer is produced. */
  production?: Production;
  /** Keeps the runtime alive for background work (Workers' `ctx.waitUntil`). */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/** The cache state of one request. */
export class RequestCache {
  readonly runtime: CacheRuntime;
  readonly route: string;
  readonly page: string;
  readonly pathname: string;
  readonly fetchCache: string | undefined;
  readonly forceDynamic: boolean;
  readonly production: Production | undefined;
  readonly waitUntil: ((promise: Promise<unknown>) => void) | undefined;
  /** `revalidateTag`/`revalidatePath` calls, in order. */
  readonly pending: PendingRevalidation[] = [];
  /** `unstable_noStore()` was called. */
  noStore = false;
  #memo: Map<string, Promise<unknown>> | undefined = undefined;
  #softTags: string[] | undefined;
  // Made on first use, as `memo` is: most requests read no cache, and every request makes one
  // RequestCache.
  #prepared: Map<CacheHandler, Promise<number>> | undefined = undefined;

  /** `'use cache'` results already asked for in this request, by key. */
  get memo(): Map<string, Promise<unknown>> {
    return (this.#memo ??= new Map());
  }

  /** @param init the runtime, the route and the request path */
  constructor(init: RequestCacheInit) {
    this.runtime = init.runtime;
    this.route = init.route;
    this.page = init.page;
    this.pathname = init.pathname;
    this.fetchCache = init.fetchCache;
    this.forceDynamic = init.forceDynamic ?? false;
    this.production = init.production;
    this.waitUntil = init.waitUntil;
  }

  /**
   * Whether what is read now ends up in another cache entry (a static answer being produced,
   * a cached function running): then stale data is refreshed before it is used, as in Next.
   * @param scope the current scope
   */
  consumerCaches(scope: { cacheScope?: unknown }): boolean {
    return this.production !== undefined || scope.cacheScope !== undefined;
  }

  /** The request's implicit tags. */
  get softTags(): string[] {
    return (this.#softTags ??= implicitTags(this.page, this.pathname));
  }

  /**
   * Before the first read through a handler in this request: its `refreshTags()`, then its
   * `getExpiration()` of the implicit tags, once.
   * @param handler the handler about to be read
   */
  expiration(handler: CacheHandler): Promise<number> {
    this.#prepared ??= new Map();
    let prepared = this.#prepared.get(handler);
    if (!prepared) {
      prepared = handler.refreshTags().then(() => handler.getExpiration(this.softTags));
      this.#prepared.set(handler, prepared);
    }
    return prepared;
  }

  /**
   * Runs background work past the answer (a refresh of a stale entry).
   * @param promise the work
   */
  background(promise: Promise<unknown> | undefined): void {
    if (promise) this.waitUntil?.(promise);
  }

  /**
   * Folds what a read says into the answer being produced, if one is.
   * @param tags the data's tags
   * @param revalidate its revalidate, in seconds ({@link INFINITE_CACHE}: never)
   * @param expire its expire, in seconds
   */
  collect(tags: Iterable<string>, revalidate?: number, expire?: number): void {
    const production = this.production;
    if (!production) return;
    for (const tag of tags) production.tags.add(tag);
    if (revalidate !== undefined && revalidate < production.revalidate)
      production.revalidate = revalidate;
    if (expire !== undefined && expire < production.expire) production.expire = expire;
  }
}

/**
 * A fresh production state.
 * @param dynamic the route's `dynamic` option
 * @param revalidate the route's revalidate (`false`: never)
 */
export function createProduction(dynamic: string, revalidate: number | false): Production {
  return {
    forceStatic: dynamic === 'force-static',
    dynamicError: dynamic === 'error',
    revalidate: revalidate === false ? INFINITE_CACHE : revalidate,
    expire: INFINITE_CACHE,
    tags: new Set(),
    dynamic: undefined,
  };
}
