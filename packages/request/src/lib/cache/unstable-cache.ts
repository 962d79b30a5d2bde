// `unstable_cache(fn, keyParts, { revalidate, tags })`: the result of `fn` kept as JSON under the
// function's source, the key parts and the arguments (a value captured by the closure is not
// part of the key unless named in `keyParts`), as Next.js keys it. Past `revalidate` it is
// served stale once and recomputed in the background; its tags reach `revalidateTag`, and the
// static answer that reads it carries them.
import { createCacheScope, propagate, runInCacheScope } from './cache-scope.js';
import { INFINITE_CACHE } from './handler.js';
import { activeScope } from '../scope.js';
import { validateTags } from './tags.js';
import { sha256 } from './fetch-key.js';

const ONE_YEAR = 31_536_000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Options of {@link unstable_cache}. */
export interface UnstableCacheOptions {
  /** Seconds until the result is stale; `false` (the default) for never. */
  revalidate?: number | false;
  /** Tags for `revalidateTag`. */
  tags?: string[];
}

function normalizeRevalidate(value: unknown, description: string): number | undefined {
  if (value === undefined) return undefined;
  if (value === false || value === Infinity) return INFINITE_CACHE;
  if (typeof value === 'number' && !Number.isNaN(value) && value > -1) return value;
  throw new Error(
    `Invalid revalidate value "${JSON.stringify(value)}" on "${description}", must be a non-negative number or false`,
  );
}

/**
 * Caches the results of `fn` across requests.
 * @param fn the function whose results to keep (they must be JSON)
 * @param keyParts more parts of the key, for values the function reads from its closure
 * @param options `revalidate` in seconds and `tags`
 */
export function unstable_cache<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  keyParts?: string[],
  options: UnstableCacheOptions = {},
): (...args: A) => Promise<R> {
  if (options.revalidate === 0)
    throw new Error(
      `Invariant revalidate: 0 can not be passed to unstable_cache(), must be "false" or "> 0" ${fn.toString()}`,
    );
  const description = `unstable_cache ${fn.toString()}`;
  const revalidate = normalizeRevalidate(
    options.revalidate,
    `unstable_cache ${fn.name || fn.toString()}`,
  );
  const fixedKey = `${fn.toString()}-${Array.isArray(keyParts) ? keyParts.join(',') : String(false)}`;
  return async (...args: A): Promise<R> => {
    const scope = activeScope();
    const cache = scope?.cache;
    if (!scope || !cache) return fn(...args);
    const runtime = cache.runtime;
    const tags = options.tags
      ? validateTags(options.tags, description, (m) => {
          runtime.logger.warn(m);
        })
      : [];
    const life = revalidate ?? INFINITE_CACHE;
    if (scope.cacheScope?.kind === 'use-cache')
      propagate(scope.cacheScope, tags, {
        stale: INFINITE_CACHE,
        revalidate: life,
        expire: INFINITE_CACHE,
      });
    cache.collect(tags, revalidate);
    const run = () =>
      runInCacheScope(
        scope,
        createCacheScope('unstable-cache', cache.route),
        fn as (...a: unknown[]) => Promise<R>,
        undefined,
        args,
      );
    // Nested in another unstable_cache, it is not cached on its own (as Next does).
    if (scope.cacheScope?.kind === 'unstable-cache') return run();
    const key = `fn:${await sha256(`${fixedKey}-${JSON.stringify(args)}`)}`;
    const store = async (result: R, timestamp: number) => {
      const text = JSON.stringify(result) as string | undefined;
      if (text === undefined) return;
      await runtime.write(runtime.handler, key, encoder.encode(text), {
        tags,
        stale: 0,
        revalidate: revalidate === undefined ? ONE_YEAR : life,
        expire: INFINITE_CACHE,
        timestamp,
      });
    };
    const read = await runtime.read(runtime.handler, key, cache.softTags, {
      expiration: await cache.expiration(runtime.handler),
      pending: cache.pending,
    });
    if (read) {
      const value = JSON.parse(decoder.decode(read.bytes)) as R;
      if (!read.stale) return value;
      // When the result ends up in another entry (a static answer, 'use cache'), that entry
      // must not keep stale data: compute the fresh one now.
      if (!cache.consumerCaches(scope)) {
        cache.background(
          runtime.refreshOnce(key, async () => {
            const started = runtime.now();
            await store(await run(), started);
          }),
        );
        return value;
      }
    }
    const started = runtime.now();
    const result = await run();
    await store(result, started);
    return result;
  };
}
