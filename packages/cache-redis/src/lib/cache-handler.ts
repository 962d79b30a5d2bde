// The cache handler interface is @approute/request's (Next.js 16's `cacheHandlers` interface,
// docs/cache-interface.md), so that this handler plugs into approute and into Next.js alike.
export type { CacheEntry, CacheHandler, Timestamp } from '@approute/request';

/**
 * `expire` of an entry that never expires: Next.js's `INFINITE_CACHE` (0xfffffffe seconds).
 * The same value as @approute/request's, kept here so that loading this package does not load
 * the request scope (a Next.js app that uses this handler has none of approute's).
 */
export const INFINITE_CACHE = 0xfffffffe;
