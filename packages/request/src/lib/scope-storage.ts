// The one place the request scope's storage comes from. `AsyncLocalStorage` is the only way
// to follow a request through every await, timer and callback, as `cookies()` must; Bun, Deno
// and workerd (with nodejs_compat) provide `node:async_hooks` too.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Storage that follows one value through everything a function awaits or schedules. */
export interface ScopeStorage<T> {
  run<A extends unknown[], R>(value: T, fn: (...args: A) => R, ...args: A): R;
  getStore(): T | undefined;
}

/** Creates the storage for request scopes. */
export function createScopeStorage<T>(): ScopeStorage<T> {
  return new AsyncLocalStorage<T>();
}
