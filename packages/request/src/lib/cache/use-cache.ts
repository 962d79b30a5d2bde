// The run-time side of `'use cache'`: the build rewrites each such function into a call of
// `cachedCall(id, kind, fn, this, arguments)`. The result is kept through the `'use cache'`
// handler of its kind under the build, the function and its arguments, with the tags from
// `cacheTag()` and the lifetimes from `cacheLife()` (the `default` profile otherwise), and is
// serialized with devalue (Dates, Maps, Sets, BigInts and undefined survive, as with React's
// serialization in Next). Within one request each call with the same arguments answers once.
import { parse, stringify } from 'devalue';
import {
  createCacheScope,
  lifeOf,
  propagate,
  runInCacheScope,
  type CacheScope,
} from './cache-scope.js';
import { DynamicServerError } from './dynamic.js';
import { activeScope, type RequestScope } from '../scope.js';
import { normalizeProfile, type CacheLifeProfile } from './profiles.js';
import { validateTags } from './tags.js';
import type { RequestCache } from './request-cache.js';

/** `'use cache'` entries with a shorter `expire` are left out of static answers (5 minutes). */
export const MIN_PRERENDERABLE_EXPIRE = 300;

const HIDDEN =
  'An error occurred in the Server Components render. The specific message is omitted in production builds to avoid leaking sensitive details. A digest property is included on this error instance which may provide additional details about the nature of the error.';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface Produced {
  text: string;
  tags: string[];
  life: { stale: number; revalidate: number; expire: number };
}

function digestOf(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash << 5) + hash + text.charCodeAt(i)) >>> 0;
  return String(hash);
}

// An error inside a cached function reaches the caller without its message in production,
// as the RSC transport hides it in Next; the log keeps the real one.
function hide(cache: RequestCache, id: string, error: unknown): Error {
  cache.runtime.logger.error(`Error in the "use cache" function ${id}:`, error);
  if (cache.runtime.dev) return error instanceof Error ? error : new Error(String(error));
  const hidden = new Error(HIDDEN) as Error & { digest: string };
  hidden.digest = digestOf(
    error instanceof Error ? `${error.name}:${error.message}` : String(error),
  );
  return hidden;
}

async function generate(
  scope: RequestScope,
  cache: RequestCache,
  id: string,
  fn: (...args: unknown[]) => unknown,
  thisArg: unknown,
  args: unknown[],
): Promise<Produced> {
  const inner = createCacheScope('use-cache', cache.route);
  let value: unknown;
  try {
    value = await runInCacheScope(scope, inner, fn, thisArg, args);
  } catch (error) {
    throw hide(cache, id, error);
  }
  let text: string;
  try {
    text = stringify(value);
  } catch (error) {
    throw new Error(
      `The "use cache" function ${id} returned a value that cannot be cached: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return { text, tags: inner.tags, life: lifeOf(inner, cache.runtime.profiles.default ?? {}) };
}

function serializeArgs(id: string, args: unknown[]): string {
  try {
    return stringify(args);
  } catch (error) {
    throw new Error(
      `The arguments of the "use cache" function ${id} must be serializable: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

// What a read tells the code around it: the outer cached function gets its tags and lifetimes;
// a static answer being produced does too, and becomes dynamic for a short-lived entry.
function report(
  scope: RequestScope,
  cache: RequestCache,
  tags: string[],
  life: Produced['life'],
): void {
  if (scope.cacheScope) propagate(scope.cacheScope, tags, life);
  cache.collect(tags, life.revalidate, life.expire);
  const production = cache.production;
  if (
    production &&
    cache.runtime.cacheComponents &&
    !scope.cacheScope &&
    (life.revalidate === 0 || life.expire < MIN_PRERENDERABLE_EXPIRE)
  ) {
    production.dynamic ??= '"use cache" with a short expire';
    throw new DynamicServerError(
      `Route ${cache.route} reads a "use cache" result whose expire is under ${MIN_PRERENDERABLE_EXPIRE} seconds: it is not prerendered.`,
    );
  }
}

/**
 * Calls a `'use cache'` function through the cache.
 * @param id the function's id: its file and name
 * @param kind the handler name (`default`, or the name after `use cache:`)
 * @param fn the function as written, without the directive
 * @param thisArg its `this`
 * @param args its arguments
 */
export async function cachedCall(
  id: string,
  kind: string,
  fn: (...args: unknown[]) => unknown,
  thisArg: unknown,
  args: unknown[],
): Promise<unknown> {
  const scope = activeScope();
  const cache = scope?.cache;
  if (!scope || !cache)
    throw new Error(
      `"use cache" function ${id} was called outside a request: call it from a route handler.`,
    );
  const runtime = cache.runtime;
  const handler = runtime.useCacheHandler(kind);
  if (!handler)
    throw new Error(
      `"use cache: ${kind}" in ${id} has no cache handler: configure cacheHandlers.${kind}.`,
    );
  const key = `use-cache:${runtime.buildId}:${id}:${serializeArgs(id, args)}`;
  let found = cache.memo.get(key) as Promise<Produced> | undefined;
  if (!found) {
    const write = (produced: Produced, timestamp = runtime.now()) =>
      runtime.write(handler, key, encoder.encode(produced.text), {
        tags: produced.tags,
        stale: produced.life.stale,
        revalidate: produced.life.revalidate,
        expire: produced.life.expire,
        timestamp,
      });
    found = (async (): Promise<Produced> => {
      const expiration = await cache.expiration(handler);
      const read = await runtime.read(handler, key, cache.softTags, {
        expiration,
        pending: cache.pending,
        missPastRevalidate: kind === 'default' && runtime.builtIn && !runtime.dev,
      });
      // When the result ends up in another entry (an outer cached function, a static answer),
      // a stale entry is refreshed first: the outer entry must not keep stale data.
      if (read && !(read.stale && cache.consumerCaches(scope))) {
        if (read.stale) {
          cache.background(
            runtime.refreshOnce(key, async () => {
              const fresh = await generate(scope, cache, id, fn, thisArg, args);
              await write(fresh);
            }),
          );
        }
        const { meta } = read;
        return {
          text: decoder.decode(read.bytes),
          tags: meta.tags,
          life: {
            stale: meta.stale,
            revalidate: Math.max(meta.revalidate, 0),
            expire: meta.expire,
          },
        };
      }
      const started = runtime.now();
      const produced = await generate(scope, cache, id, fn, thisArg, args);
      await write(produced, started);
      return produced;
    })();
    cache.memo.set(key, found);
    found.catch(() => cache.memo.delete(key));
  }
  const produced = await found;
  report(scope, cache, produced.tags, produced.life);
  return parse(produced.text);
}

function outside(api: 'cacheTag' | 'cacheLife', scope: RequestScope | undefined): Error {
  const route = scope?.cache?.route;
  const slug = api === 'cacheTag' ? 'cache-tag-outside-use-cache' : 'cache-life-outside-use-cache';
  return new Error(
    `${route === undefined ? '' : `Route "${route}": `}\`${api}()\` can only be called inside a \`"use cache"\` or \`"use cache: private"\` function.\nLearn more: https://nextjs.org/docs/messages/${slug}`,
  );
}

function useCacheScope(api: 'cacheTag' | 'cacheLife'): { scope: CacheScope; cache: RequestCache } {
  const request = activeScope();
  const cache = request?.cache;
  if (cache && !cache.runtime.cacheComponents)
    throw new Error(`\`${api}()\` is only available with the \`cacheComponents\` config.`);
  const scope = request?.cacheScope;
  if (!cache || scope?.kind !== 'use-cache') throw outside(api, request);
  return { scope, cache };
}

/**
 * Tags the result of the `'use cache'` function it is called in, for `revalidateTag`.
 * @param tags one or more tags
 */
export function cacheTag(...tags: string[]): void {
  const { scope, cache } = useCacheScope('cacheTag');
  for (const tag of validateTags(tags, '`cacheTag()`', (m) => {
    cache.runtime.logger.warn(m);
  }))
    if (!scope.tags.includes(tag)) scope.tags.push(tag);
}

/**
 * Sets how long the result of the `'use cache'` function it is called in stays fresh, by
 * profile name (`'seconds'`, `'hours'`, `'max'`, one of the app's) or inline.
 * @param profile a profile name or `{ stale, revalidate, expire }` in seconds
 */
export function cacheLife(profile: string | CacheLifeProfile): void {
  const { scope, cache } = useCacheScope('cacheLife');
  let life: CacheLifeProfile;
  if (typeof profile === 'string') {
    const found = cache.runtime.profiles[profile];
    if (found === undefined) {
      if (cache.runtime.profiles[profile.trim()])
        throw new Error(
          `Unknown \`cacheLife()\` profile "${profile}" is not configured in next.config.js\nDid you mean "${profile.trim()}" without the spaces?`,
        );
      throw new Error(
        `Unknown \`cacheLife()\` profile "${profile}" is not configured in next.config.js\nmodule.exports = {\n  cacheLife: {\n    "${profile}": ...\n  }\n}`,
      );
    }
    life = found;
  } else if (
    typeof profile !== 'object' ||
    (profile as unknown) === null ||
    Array.isArray(profile)
  ) {
    throw new Error('Invalid `cacheLife()` option. Either pass a profile name or object.');
  } else life = normalizeProfile(profile);
  for (const key of ['stale', 'revalidate', 'expire'] as const) {
    const value = life[key];
    if (value === undefined) continue;
    const current = scope.explicit[key];
    if (current === undefined || current > value) scope.explicit[key] = value;
  }
}
