// The globals Next.js defines on Node before any route loads (its node-environment-baseline):
// `AsyncLocalStorage`, and `WebSocket` where Node has none (Node 20 without
// --experimental-websocket), the `ws` package's client, loaded on first use as Next does.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Defines the globals Next.js defines on Node, where they are missing. */
export function installNodeGlobals(): void {
  const scope = globalThis as Record<string, unknown>;
  if (typeof scope.AsyncLocalStorage !== 'function') scope.AsyncLocalStorage = AsyncLocalStorage;
  if (typeof scope.WebSocket === 'function') return;
  Object.defineProperty(globalThis, 'WebSocket', {
    configurable: true,
    get() {
      return (require('ws') as { WebSocket: unknown }).WebSocket;
    },
    set(value: unknown) {
      Object.defineProperty(globalThis, 'WebSocket', { configurable: true, writable: true, value });
    },
  });
}
