// `revalidatePath()` from next/cache: marks a path's static answer as outdated. The router
// drops it from its static cache before the current request is answered, so the next request
// for that path produces a fresh answer.
import { OutsideRequestScopeError, activeScope } from './scope.js';

/**
 * Marks the static answer of a path as outdated.
 * @param path the path as requested, without the base path, e.g. `/stats`
 * @param type `'page'` or `'layout'` in Next.js; route handlers cache per path, so it is accepted and ignored
 */
export function revalidatePath(path: string, type?: string): void {
  if (type !== undefined && type !== 'page' && type !== 'layout') {
    throw new TypeError(
      `revalidatePath() type must be "page" or "layout", received ${JSON.stringify(type)}`,
    );
  }
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new TypeError(
      `revalidatePath() expects a path starting with "/", received ${JSON.stringify(path)}`,
    );
  }
  const scope = activeScope();
  if (!scope) {
    throw new OutsideRequestScopeError(
      'revalidatePath',
      `Invariant: static generation store missing in revalidatePath(${JSON.stringify(path)})`,
    );
  }
  (scope.revalidatedPaths ??= []).push(
    path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path,
  );
}
