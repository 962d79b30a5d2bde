export { INFINITE_CACHE } from './lib/cache-handler.js';
export type { CacheEntry, CacheHandler, Timestamp } from './lib/cache-handler.js';
export type { CacheLogger } from './lib/availability.js';
export { createRedisCacheHandler } from './lib/redis-cache-handler.js';
export type { RedisCacheHandler, RedisCacheHandlerOptions } from './lib/redis-cache-handler.js';
