export {
  revalidatePath,
  revalidateTag,
  updateTag,
  refresh,
  unstable_noStore,
} from './lib/cache-apis.js';
export { unstable_cache, type UnstableCacheOptions } from './lib/cache/unstable-cache.js';
export {
  cacheLife,
  cacheTag,
  cacheLife as unstable_cacheLife,
  cacheTag as unstable_cacheTag,
} from './lib/cache/use-cache.js';
export type { CacheLifeProfile } from './lib/cache/profiles.js';
