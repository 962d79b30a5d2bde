/* global AbortController */
// Where the time of one approute request goes, without sockets: each step alone, in µs per call.
// Usage: node micro.mjs (after `pnpm --filter approute... build`)
import { LightResponse } from '@approute/node';
import { createLazyRequest } from '@approute/request';
import { cookies } from '@approute/request/headers';
import { createRouter } from '@approute/router';

const N = 200_000;
function time(name, fn) {
  for (let i = 0; i < N / 10; i++) fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) fn(i);
  const us = Number(process.hrtime.bigint() - start) / 1e3 / N;
  console.log(`${name.padEnd(58)} ${us.toFixed(2)} µs`);
  return us;
}
async function timeAsync(name, fn) {
  for (let i = 0; i < N / 10; i++) await fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await fn(i);
  const us = Number(process.hrtime.bigint() - start) / 1e3 / N;
  console.log(`${name.padEnd(58)} ${us.toFixed(2)} µs`);
  return us;
}

const rawHeaders = ['Host', '127.0.0.1:3000', 'User-Agent', 'autocannon', 'Cookie', 'session=abc123; theme=dark', 'Connection', 'keep-alive'];
const lazy = (path) => createLazyRequest({ method: 'GET', url: `http://127.0.0.1:3000${path}`, rawHeaders });
const manifest = {
  version: 1,
  routes: [
    { id: '/hello', pathname: '/hello', file: 'hello/route.ts', params: [] },
    { id: '/dashboard/[team]', pathname: '/dashboard/:team', file: 'dashboard/[team]/route.ts', params: [{ name: 'team', kind: 'single' }] },
  ],
};
const modules = {
  'hello/route.ts': { GET: async () => Response.json({ message: 'Hello World' }) },
  'dashboard/[team]/route.ts': {
    GET: async (_request, { params }) => {
      const { team } = await params;
      const theme = (await cookies()).get('theme')?.value ?? 'light';
      return Response.json({ team, theme });
    },
  },
};
const router = createRouter(manifest, { load: async (route) => modules[route.file] });
const prebuilt = Response.json({ message: 'Hello World' });
const onClose = () => undefined;

time('new AbortController() + .signal', () => new AbortController().signal);
time('createLazyRequest', () => lazy('/hello'));
time('Response.json({ message })', () => Response.json({ message: 'Hello World' }));
time('new Response(string)', () => new Response('{"message":"Hello World"}'));
time('LightResponse.json({ message }) (what serve() installs)', () => LightResponse.json({ message: 'Hello World' }));
time('iterate response.headers (1 field)', () => {
  const fields = [];
  for (const [name, value] of Response.json(null).headers) fields.push(name, value);
  return fields;
});
await timeAsync('router.handle GET /hello, handler returns a prebuilt Response', () =>
  createRouter(manifest, { load: async () => ({ GET: async () => prebuilt }) }).handle(lazy('/hello'), { onClose }),
);
const prebuiltRouter = createRouter(manifest, { load: async () => ({ GET: async () => prebuilt }) });
await timeAsync('router.handle GET /hello (router reused), prebuilt Response', () => prebuiltRouter.handle(lazy('/hello'), { onClose }));
await timeAsync('router.handle GET /hello, Response.json', () => router.handle(lazy('/hello'), { onClose }));
await timeAsync('router.handle GET /dashboard/acme, params + cookies()', () => router.handle(lazy('/dashboard/acme'), { onClose }));
await timeAsync('await of a resolved promise (baseline)', () => Promise.resolve());
