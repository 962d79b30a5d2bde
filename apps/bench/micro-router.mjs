// The router's share of one request, in-process and without sockets: router.fetch() on a
// lazy request, as the Node adapter calls it, with LightResponse installed and the request
// scope's AsyncLocalStorage in use. Usage: node micro-router.mjs (after building the packages)
import { installLightResponse } from '@approute/node';
import { createLazyRequest } from '@approute/request/internal';
import { createRouter } from '@approute/router';
import { manifest, modules } from './servers/app-modules.mjs';

installLightResponse();
const N = Number(process.env.N ?? 300_000);
const rawHeaders = [
  'Host',
  '127.0.0.1:3000',
  'User-Agent',
  'wrk',
  'Cookie',
  'session=abc123; theme=dark',
];
const router = createRouter(manifest, { load: async (route) => modules[route.file] });
const onClose = () => undefined;
const call = (path) =>
  router.fetch(
    createLazyRequest({ method: 'GET', url: `http://127.0.0.1:3000${path}`, rawHeaders }),
    { onClose, target: path },
  );

async function time(name, path) {
  const results = [];
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < N / 10; i++) await call(path);
    const start = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await call(path);
    results.push(Number(process.hrtime.bigint() - start) / 1e3 / N);
  }
  results.sort((a, b) => a - b);
  console.log(`${name.padEnd(30)} ${results[2].toFixed(3)} µs (min ${results[0].toFixed(3)})`);
}
await time('GET /dashboard/acme', '/dashboard/acme');
await time('GET /hello', '/hello');
await time('GET /dashboard/acme', '/dashboard/acme');
await time('GET /hello', '/hello');
