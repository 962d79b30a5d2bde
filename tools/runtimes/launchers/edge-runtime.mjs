// Serves a fetch bundle in Vercel's edge-runtime: `node edge-runtime.mjs <bundle> <hostname> <port>`.
// edge-runtime evaluates scripts, not modules, so the ES module bundle is re-emitted as one
// script whose default export answers the runtime's `fetch` events.
import { AsyncLocalStorage } from 'node:async_hooks';
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { EdgeRuntime } from 'edge-runtime';

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
  // A bundle's .wasm imports are for Workers only (next/og compiles its embedded bytes here).
  external: ['*.wasm'],
  plugins: [
    {
      // Vercel's Edge Runtime offers AsyncLocalStorage as a global, not as a module.
      name: 'edge-async-hooks',
      setup(b) {
        b.onResolve({ filter: /^(node:)?async_hooks$/ }, () => ({
          path: 'async_hooks',
          namespace: 'edge-global',
        }));
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
  // Vercel's Edge Runtime also has `process.env` (the project's environment variables), which
  // packages read at load (@vercel/functions does).
  extend: (context) =>
    Object.assign(context, { AsyncLocalStorage, process: { env: { ...process.env } } }),
});
const {
  AbortController: VMAbortController,
  ReadableStream: VMReadableStream,
  Uint8Array: VMUint8Array,
} = runtime.context;

// The host in front of the VM, standing in for the platform's proxy. edge-runtime's own
// `runServer` resolves `//x` paths as protocol-relative URLs, folds repeated headers, gives
// handlers no abort signal, and crashes the process when a request cannot become a `Request`.
function requestBody(req) {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks = req[Symbol.asyncIterator]();
  return new VMReadableStream({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(new VMUint8Array(value));
    },
    cancel() {
      req.resume();
    },
  });
}

async function writeBody(body, res) {
  const reader = body.getReader();
  res.once('close', () => {
    if (!res.writableFinished) reader.cancel().catch(() => undefined);
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve));
  }
}

const server = createServer(async (req, res) => {
  const aborter = new VMAbortController();
  res.once('close', () => {
    if (!res.writableFinished) aborter.abort();
  });
  let response;
  try {
    const headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      // As Vercel's proxy: the client's address is X-Real-IP, and the client's own X-Real-IP and
      // X-Vercel-IP-* headers do not get through.
      if (/^x-real-ip$|^x-vercel-ip-/i.test(req.rawHeaders[i])) continue;
      headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    }
    const address = req.socket.remoteAddress ?? '';
    headers.push(['x-real-ip', address.startsWith('::ffff:') ? address.slice(7) : address]);
    const url = `http://${req.headers.host ?? `${hostname}:${port}`}${req.url}`;
    const body = requestBody(req);
    response = await runtime.dispatchFetch(url, {
      method: req.method,
      headers,
      body,
      duplex: body ? 'half' : undefined,
      signal: aborter.signal,
    });
  } catch (error) {
    // The Fetch standard forbids some methods (TRACE, CONNECT, TRACK) in a Request, so the app
    // can never see them: the host answers 501 Not Implemented, as the app would.
    const unsupported = error instanceof Error && /HTTP method is unsupported/.test(error.message);
    if (!unsupported) console.error(error);
    res.writeHead(unsupported ? 501 : 500).end();
    return;
  }
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  try {
    if (response.body && req.method !== 'HEAD') await writeBody(response.body, res);
    res.end();
  } catch (error) {
    // A body that fails after the headers went out: cut the connection, no final chunk.
    console.error(error);
    res.destroy();
  }
});
server.listen(Number(port), hostname, () => {
  const { port: actual } = server.address();
  const shown = hostname.includes(':') ? `[${hostname}]` : hostname;
  console.log(`approute-runtime listening on http://${shown}:${actual}`);
});

const close = () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on('SIGTERM', close);
process.on('SIGINT', close);
