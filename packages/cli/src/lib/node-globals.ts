// The globals Next.js defines on Node before it loads any route (next/dist/server/
// node-environment-baseline): `AsyncLocalStorage`, and `WebSocket` where Node has none (Node 20
// without --experimental-websocket). Route code written for Next.js may use them without an
// import; Next.js's own route-handler tests check that `globalThis.WebSocket` exists.
import { AsyncLocalStorage } from 'node:async_hooks';

let defined = false;

/** Defines the globals once per process; a global the runtime already has is left alone. */
export async function defineNextGlobals(): Promise<void> {
  if (defined) return;
  defined = true;
  const global = globalThis as Record<string, unknown>;
  if (typeof global.AsyncLocalStorage !== 'function') global.AsyncLocalStorage = AsyncLocalStorage;
  if (typeof global.WebSocket !== 'function') {
    // undici's WebSocket: the implementation Node 22 and later expose as the global. Next.js
    // loads `ws` here instead; both are WHATWG-style clients (`new WebSocket(url)`, `onmessage`).
    const { WebSocket } = await import('undici');
    Object.defineProperty(globalThis, 'WebSocket', {
      configurable: true,
      writable: true,
      value: WebSocket,
    });
  }
}
