// Dynamic APIs while a static answer is produced: as in Next.js, `headers()`, `cookies()`,
// `connection()`, `unstable_noStore()` and uncached `fetch` make the answer dynamic (it is not
// cached, and the route runs per request from then on) unless the route is `force-static`;
// with `dynamic = 'error'` they fail instead.
import type { RequestScope } from '../scope.js';

/** Thrown to stop producing a static answer that turned out to be dynamic. */
export class DynamicServerError extends Error {
  override readonly name = 'DynamicServerError';
  /** Next.js's digest for it. */
  readonly digest = 'DYNAMIC_SERVER_USAGE';
}

/** Thrown for a dynamic API in a route with `dynamic = 'error'`. */
export class StaticBailoutError extends Error {
  override readonly name = 'StaticGenBailoutError';
}

/**
 * Records that `expression` ran; while a static answer is produced, makes it dynamic (and
 * throws to stop producing it) unless the route is `force-static`.
 * @param scope the request's scope
 * @param expression what ran, e.g. `headers`
 */
export function trackDynamic(scope: RequestScope, expression: string): void {
  const cache = scope.cache;
  const production = cache?.production;
  if (!cache || !production || production.forceStatic) return;
  if (production.dynamicError)
    throw new StaticBailoutError(
      `Route ${cache.route} with \`dynamic = "error"\` couldn't be rendered statically because it used \`${expression}\`. See more info here: https://nextjs.org/docs/app/building-your-application/rendering/static-and-dynamic#dynamic-rendering`,
    );
  production.dynamic ??= expression;
  throw new DynamicServerError(
    `Route ${cache.route} couldn't be rendered statically because it used \`${expression}\`. See more info here: https://nextjs.org/docs/messages/dynamic-server-error`,
  );
}
