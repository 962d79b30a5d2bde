// `@vercel/functions` reads the platform's request context from
// `globalThis[Symbol.for('@vercel/request-context')].get()`: its `waitUntil(promise)` calls the
// context's `waitUntil`. Outside Vercel nothing defines it, so the package's `waitUntil` would do
// nothing. approute defines it (unless the platform already did) with a context answered from
// the current request scope, so that `waitUntil` reaches `after()`'s machinery: the promise is
// awaited after the response, its rejection is logged, and a fetch runtime is kept alive for it.
import type { RequestScope } from './scope.js';
import { queueAfterTask, activeScope } from './scope.js';

const REQUEST_CONTEXT = Symbol.for('@vercel/request-context');

/** What `@vercel/functions` asks of the request context. */
export interface VercelRequestContext {
  waitUntil(promise: Promise<unknown>): void;
}

const contexts = new WeakMap<RequestScope, VercelRequestContext>();
let provided = false;

function contextOf(scope: RequestScope): VercelRequestContext {
  let context = contexts.get(scope);
  if (!context) {
    context = {
      waitUntil(promise) {
        queueAfterTask(scope, promise);
      },
    };
    contexts.set(scope, context);
  }
  return context;
}

/** Defines the request context `@vercel/functions` reads, once, unless the platform has one. */
export function provideVercelContext(): void {
  if (provided) return;
  provided = true;
  const global = globalThis as Record<symbol, unknown>;
  if (global[REQUEST_CONTEXT] !== undefined) return;
  Object.defineProperty(global, REQUEST_CONTEXT, {
    value: {
      get(): VercelRequestContext | undefined {
        const scope = activeScope();
        return scope && contextOf(scope);
      },
    },
    configurable: true,
  });
}
