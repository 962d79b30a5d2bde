// Serves a fetch bundle in workerd through miniflare: `node workerd.mjs <bundle> <hostname> <port>`.
// The bundle is an ES module whose default export has `fetch(request, env, ctx)`.
import { basename, dirname, resolve } from 'node:path';
import { Miniflare } from 'miniflare';

const [bundle = '', hostname = '127.0.0.1', port = '0'] = process.argv.slice(2);
const scriptPath = resolve(bundle);
const mf = new Miniflare({
  modules: true,
  scriptPath,
  modulesRoot: dirname(scriptPath),
  // The .wasm files the bundle imports (next/og on workerd) are WebAssembly modules, as
  // Wrangler's default rules make them.
  modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
  compatibilityDate: '2025-09-01',
  // nodejs_compat: `node:async_hooks` (AsyncLocalStorage, behind cookies() and headers());
  // enable_request_signal: request.signal aborts when the client goes away.
  compatibilityFlags: ['nodejs_compat', 'enable_request_signal'],
  host: hostname,
  port: Number(port),
  cf: false,
  // Text bindings from the driver: with nodejs_compat they also fill process.env.
  bindings: JSON.parse(process.env.APPROUTE_WORKER_BINDINGS ?? '{}'),
  name: basename(scriptPath),
});
const url = await mf.ready;
console.log(`approute-runtime listening on ${url.origin}`);

const close = () => {
  mf.dispose().finally(() => process.exit(0));
};
process.on('SIGTERM', close);
process.on('SIGINT', close);
