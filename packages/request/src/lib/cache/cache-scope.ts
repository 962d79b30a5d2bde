// Inside a `'use cache'` or `unstable_cache` function the request scope is a child one that
// says so: `cacheTag()`/`cacheLife()` record into it, `headers()`, `cookies()` and
// `revalidateTag()` refuse to run, `fetch` inside `unstable_cache` is not cached on its own.
import { INFINITE_CACHE } from './handler.js';
import { activeScope, RequestScope, runInScope } from '../scope.js';
import { DEFAULT_STALE } from './profiles.js';

/** What a cached function collects while it runs. */
export interface CacheScope {
  kind: 'use-cache' | 'unstable-cache';
  /** The route, for error messages. */
  route: string;
  /** Tags from `cacheTag()` and from cached calls inside. */
  tags: string[];
  /** Lifetimes set by `cacheLife()` in this function (the shortest of several calls). */
  explicit: { stale?: number; revalidate?: number; expire?: number };
  /** The shortest lifetimes of cached calls inside. */
  inner: { stale: number; revalidate: number; expire: number };
}

/**
 * A new cache scope.
 * @param kind `'use cache'` or `unstable_cache`
 * @param route the route, for error messages
 */
export function createCacheScope(kind: CacheScope['kind'], route: string): CacheScope {
  return {
    kind,
    route,
    tags: [],
    explicit: {},
    inner: { stale: INFINITE_CACHE, revalidate: INFINITE_CACHE, expire: INFINITE_CACHE },
  };
}

/**
 * Runs `fn(...args)` with a child of the current request scope that carries `cacheScope`.
 * @param parent the request's scope
 * @param cacheScope what the function collects
 * @param fn the cached function
 * @param thisArg its `this`
 * @param args its arguments
 */
export function runInCacheScope<T>(
  parent: RequestScope,
  cacheScope: CacheScope,
  fn: (...args: unknown[]) => T,
  thisArg: unknown,
  args: unknown[],
): T {
  const child = new RequestScope(parent.request, parent.route);
  child.cache = parent.cache;
  child.cacheScope = cacheScope;
  return runInScope(child, () => fn.apply(thisArg, args));
}

/** The cache scope the current code runs in, if any. */
export function currentCacheScope(): CacheScope | undefined {
  return activeScope()?.cacheScope;
}

/**
 * Folds an inner cached value's tags and lifetimes into the cache scope around it.
 * @param scope the outer cache scope
 * @param tags the inner entry's tags
 * @param life its lifetimes
 */
export function propagate(
  scope: CacheScope,
  tags: readonly string[],
  life: { stale: number; revalidate: number; expire: number },
): void {
  for (const tag of tags) if (!scope.tags.includes(tag)) scope.tags.push(tag);
  scope.inner.stale = Math.min(scope.inner.stale, life.stale);
  scope.inner.revalidate = Math.min(scope.inner.revalidate, life.revalidate);
  scope.inner.expire = Math.min(scope.inner.expire, life.expire);
}

/**
 * The lifetimes an entry is written with: `cacheLife()`'s, else the shortest of the calls
 * inside and the default profile.
 * @param scope the function's cache scope
 * @param defaults the `default` profile
 */
export function lifeOf(
  scope: CacheScope,
  defaults: { stale?: number; revalidate?: number; expire?: number },
): { stale: number; revalidate: number; expire: number } {
  const pick = (key: 'stale' | 'revalidate' | 'expire', fallback: number) =>
    scope.explicit[key] ?? Math.min(scope.inner[key], defaults[key] ?? fallback);
  return {
    stale: pick('stale', DEFAULT_STALE),
    revalidate: pick('revalidate', 900),
    expire: pick('expire', INFINITE_CACHE),
  };
}
