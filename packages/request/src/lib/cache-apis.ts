// `revalidateTag()`, `revalidatePath()`, `updateTag()` and `unstable_noStore()` from next/cache,
// with Next.js 16's semantics: a revalidation is recorded in the request and applied to every
// cache handler once the handler has returned, before the answer goes out; a path is the
// implicit tag `_N_T_<path>` (`type` appends `/page` or `/layout`), so `revalidatePath('/a',
// 'layout')` reaches everything below `/a`.
import { trackDynamic } from './cache/dynamic.js';
import { normalizeProfile, type CacheLifeProfile } from './cache/profiles.js';
import { encodeHeaderSafe, IMPLICIT_TAG, SOFT_TAG_MAX_LENGTH } from './cache/tags.js';
import { activeScope, OutsideRequestScopeError } from './scope.js';

const DYNAMIC_SEGMENT = /\/\[[^/]+\](?=\/|$)/;

// Warnings go where the router logs, so that they show beside the request's other lines.
function warn(message: string): void {
  const logger = activeScope()?.cache?.runtime.logger;
  if (logger) logger.warn(message);
  else console.warn(message);
}

function record(tags: string[], expression: string, profile?: string | CacheLifeProfile): void {
  const scope = activeScope();
  const cache = scope?.cache;
  if (!scope || !cache)
    throw new OutsideRequestScopeError(
      expression.slice(0, expression.indexOf('(')),
      `Invariant: static generation store missing in ${expression}`,
    );
  const inside = scope.cacheScope;
  if (inside)
    throw new Error(
      `Route "${inside.route}": \`${expression}\` can't be called inside a cached function. Call it from a Server Action or Route Handler instead.\nLearn more: https://nextjs.org/docs/messages/revalidate-in-use-cache`,
    );
  if (cache.production) trackDynamic(scope, expression);
  const at = cache.runtime.now();
  for (const tag of tags) {
    const same = cache.pending.find(
      (p) =>
        p.tag === tag &&
        (typeof p.profile === 'object' && typeof profile === 'object'
          ? JSON.stringify(p.profile) === JSON.stringify(profile)
          : p.profile === profile),
    );
    if (same) same.at = at;
    else cache.pending.push({ tag, profile, at });
  }
}

/**
 * Revalidates the cached data, static answers and `'use cache'` results carrying `tag`: with a
 * profile (`'max'`, a cacheLife profile name, or `{ expire }`), they are served stale once more
 * while they are refreshed; without one (deprecated), they expire at once.
 * @param tag the tag
 * @param profile how long stale entries may still be served
 */
export function revalidateTag(tag: string, profile?: string | CacheLifeProfile): undefined {
  if (!profile) {
    warn(
      '"revalidateTag" without the second argument is now deprecated, add second argument of "max" or use "updateTag". See more info here: https://nextjs.org/docs/messages/revalidate-tag-single-arg',
    );
  }
  const normalized = typeof profile === 'object' ? normalizeProfile(profile) : profile;
  record(
    [encodeHeaderSafe(tag)],
    `revalidateTag(${JSON.stringify(tag)})`,
    normalized === '' ? undefined : normalized,
  );
  return undefined;
}

/**
 * Next.js allows `updateTag` only in Server Actions; a route handler is never one, so it
 * always throws here, with Next's message.
 * @param tag the tag
 */
export const updateTag: (tag: string) => never = () => {
  throw new Error(
    'updateTag can only be called from within a Server Action. To invalidate cache tags in Route Handlers or other contexts, use revalidateTag instead. See more info here: https://nextjs.org/docs/app/api-reference/functions/updateTag',
  );
};

/**
 * Next.js allows `refresh` only in Server Actions: it always throws in a route handler.
 */
export function refresh(): never {
  throw new Error(
    'refresh can only be called from within a Server Action. See more info here: https://nextjs.org/docs/app/api-reference/functions/refresh',
  );
}

/**
 * Expires everything produced for a path: its static answer and the data its handler read.
 * @param path the path as requested, without the base path, e.g. `/stats`; a route pattern
 *   (`/blog/[slug]`) with `type`
 * @param type `'layout'` reaches every path below; `'page'` only pages (never a route handler)
 */
export function revalidatePath(path: string, type?: 'layout' | 'page'): undefined {
  if (typeof path !== 'string')
    throw new TypeError(`revalidatePath() expects a path, received ${typeof path}`);
  if (path.length > SOFT_TAG_MAX_LENGTH) {
    warn(
      `Warning: revalidatePath received "${path}" which exceeded max length of ${SOFT_TAG_MAX_LENGTH}. See more info here https://nextjs.org/docs/app/api-reference/functions/revalidatePath`,
    );
    return undefined;
  }
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  let tag = `${IMPLICIT_TAG}${encodeHeaderSafe(trimmed)}`;
  if (type) tag += `${tag.endsWith('/') ? '' : '/'}${type}`;
  else if (DYNAMIC_SEGMENT.test(path))
    warn(
      `Warning: a dynamic page path "${path}" was passed to "revalidatePath", but the "type" parameter is missing. This has no effect by default, see more info here https://nextjs.org/docs/app/api-reference/functions/revalidatePath`,
    );
  const tags = [tag];
  if (tag === `${IMPLICIT_TAG}/`) tags.push(`${IMPLICIT_TAG}/index`);
  else if (tag === `${IMPLICIT_TAG}/index`) tags.push(`${IMPLICIT_TAG}/`);
  record(tags, `revalidatePath(${JSON.stringify(path)})`);
  return undefined;
}

/**
 * Opts the surrounding code out of caching: a `fetch` without cache options is not cached, and
 * a static answer being produced becomes dynamic (unless the route is `force-static`).
 */
export function unstable_noStore(): void {
  const scope = activeScope();
  if (!scope?.cache || scope.cacheScope?.kind === 'unstable-cache') return;
  if (scope.cache.production) trackDynamic(scope, 'unstable_noStore()');
  scope.cache.noStore = true;
}
