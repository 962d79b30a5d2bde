// `connection()` and `URLPattern` from next/server, and the `ImageResponse` that next/server
// still exports only to say where it went.
import { trackDynamic } from './cache/dynamic.js';
import { currentScope } from './scope.js';

/**
 * Waits for the incoming request: code after `await connection()` runs only for a real request,
 * never while a static answer is produced ahead of one (there it makes the answer dynamic, as
 * in Next.js; `dynamic = 'error'` makes it a build error and `force-static` lets it resolve).
 * Inside a cached function it rejects, with Next.js's message.
 * @throws OutsideRequestScopeError outside a request
 */
export function connection(): Promise<void> {
  const scope = currentScope('connection');
  const inside = scope.cacheScope;
  if (inside) {
    const where = inside.kind === 'use-cache' ? '`"use cache"`' : '`unstable_cache()`';
    const more =
      inside.kind === 'use-cache'
        ? 'https://nextjs.org/docs/messages/next-request-in-use-cache'
        : 'https://nextjs.org/docs/app/api-reference/functions/unstable_cache';
    return Promise.reject(
      new Error(
        `Route "${inside.route}": \`connection()\` can't be called inside ${where} because cached functions may run during prerendering, without an incoming request. Call it outside the cached function.\nLearn more: ${more}`,
      ),
    );
  }
  scope.dynamicUsage?.('connection()');
  try {
    trackDynamic(scope, 'connection()');
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return Promise.resolve();
}

/**
 * The runtime's own `URLPattern` (undefined where the runtime has none, such as Node 20 and 22),
 * as next/server exports it: nothing is polyfilled.
 */
export const URLPattern: typeof globalThis.URLPattern | undefined =
  typeof globalThis.URLPattern === 'undefined' ? undefined : globalThis.URLPattern;

/**
 * What next/server still exports under this name since `ImageResponse` moved to `next/og`:
 * calling it throws Next.js's error saying so.
 * @throws Error always
 */
export function ImageResponse(): never {
  throw new Error(
    'ImageResponse moved from "next/server" to "next/og" since Next.js 14, please import from "next/og" instead',
  );
}
