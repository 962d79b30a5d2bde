// The one place the request scope's storage comes from. `AsyncLocalStorage` is the only way
// to follow a request through every await, timer and callback, as `cookies()` must; Bun, Deno
// and workerd (with nodejs_compat) provide `node:async_hooks` too.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Storage that follows one value through everything a function awaits or schedules. */
export interface ScopeStorage<T> {
  run<A extends unknown[], R>(value: T, fn: (...args: A) => R, ...args: A): R;
  getStore(): T | undefined;
  /** Makes `value` the store for the rest of the current synchronous run (and what it schedules). */
  enterWith(value: T): void;
}

/** Creates the storage for request scopes. */
export function createScopeStorage<T>(): ScopeStorage<T> {
  return new AsyncLocalStorage<T>();
}

// Whether entering a store inside a microtask is cheaper than `run()`: on Node 24 and later
// AsyncLocalStorage keeps its stores in V8's continuation-preserved embedder data, one frame
// (a Map) per change, so `run()` makes two frames (the store's, and the previous one's copy to
// go back to), 1.5k instructions per request measured under callgrind on Node 26. A microtask
// that calls `enterWith()` makes one, and V8 puts the previous frame back when the microtask
// ends, for free. The implementation on Node 20 and 22 (and with --no-async-context-frame)
// keeps stores on async resources instead, where `run()` costs next to nothing and the
// microtask's promise costs more; Bun, Deno and workerd keep `run()`.
function probeFrames(): boolean {
  const node = (globalThis as { process?: { versions?: Record<string, string | undefined> } })
    .process?.versions;
  if (!node?.node || node.bun !== undefined || node.deno !== undefined || 'Deno' in globalThis)
    return false;
  if ('_propagate' in AsyncLocalStorage.prototype) return false;
  try {
    const probe = createScopeStorage<number>();
    // Through a snapshot, which puts the current frame back as it was: `run()` would leave a
    // frame holding the probe's key, and every later frame (each request's) would copy it,
    // ~500 instructions a request.
    return AsyncLocalStorage.snapshot()(() => {
      probe.enterWith(2);
      return probe.getStore() === 2;
    });
  } catch {
    return false;
  }
}

/** Whether {@link ScopeStorage} stores are V8 frames (Node 24+), where entering in a microtask is cheaper than `run()`. */
export const frameBasedStorage: boolean = probeFrames();
