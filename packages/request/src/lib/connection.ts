// `connection()` and `URLPattern` from next/server, and the `ImageResponse` that next/server
// still exports only to say where it went.
import { currentScope } from './scope.js';

/**
 * Waits for the incoming request: code after `await connection()` runs only for a real request,
 * never while a static answer is produced ahead of one (there, `dynamic = 'error'` makes it a
 * build error and `force-static` lets it resolve).
 * @throws OutsideRequestScopeError outside a request
 */
export function connection(): Promise<void> {
  const scope = currentScope('connection');
  scope.dynamicUsage?.('connection()');
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
