// Serves a fetch bundle in Vercel's edge-runtime: `node edge-runtime.mjs <bundle> <hostname> <port>`.
// edge-runtime evaluates scripts, not modules, so the ES module bundle is re-emitted as one
// script whose default export answers the runtime's `fetch` events.
import { AsyncLocalStorage } from 'node:async_hooks';
import { build } from 'esbuild';
import { EdgeRuntime, runServer } from 'edge-runtime';

const [bundle = '', hostname = '127.0.0.1', port = '0'] = process.argv.slice(2);
const GLOBAL = '__approuteBundle';

const result = await build({
  entryPoints: [bundle],
  bundle: true,
  write: false,
  format: 'iife',
  globalName: GLOBAL,
  platform: 'neutral',
  logLevel: 'error',
  plugins: [
    {
      // Vercel's Edge Runtime offers AsyncLocalStorage as a global, not as a module.
      name: 'edge-async-hooks',
      setup(b) {
        b.onResolve({ filter: /^(node:)?async_hooks$/ }, () => ({ path: 'async_hooks', namespace: 'edge-global' }));
        b.onLoad({ filter: /.*/, namespace: 'edge-global' }, () => ({
          contents: 'export const AsyncLocalStorage = globalThis.AsyncLocalStorage;',
          loader: 'js',
        }));
      },
    },
  ],
});
const script = `${result.outputFiles[0].text}
addEventListener('fetch', (event) => {
  const app = ${GLOBAL}.default;
  const handler = typeof app === 'function' ? app : app.fetch.bind(app);
  event.respondWith(handler(event.request, {}, { waitUntil: (promise) => event.waitUntil(promise) }));
});`;

const runtime = new EdgeRuntime({
  initialCode: script,
  // edge-runtime 4's VM has no AsyncLocalStorage of its own; Vercel's Edge Runtime and the
  // Next.js edge sandbox both provide Node's as a global, and so does this launcher.
  extend: (context) => Object.assign(context, { AsyncLocalStorage }),
});
const server = await runServer({ runtime, host: hostname, port: Number(port) });
console.log(`approute-runtime listening on ${new URL(server.url).origin}`);

const close = () => {
  server.close().finally(() => process.exit(0));
};
process.on('SIGTERM', close);
process.on('SIGINT', close);
