// What a request costs before the handler asks for its body: the lazy request against a real
// NextRequest and a plain Request built the way fetch adapters build them, and the request
// scope around a handler against a bare call. Run: pnpm --filter @approute/request bench
import { bench, describe } from 'vitest';
import { cookies } from '../src/headers.js';
import {
  createLazyRequest,
  createRequestScope,
  withScopeCookies,
  runInScope,
} from '../src/internal.js';
import { NextRequest } from '../src/server.js';

const url = 'http://localhost:3000/api/items/42?sort=desc';
const rawHeaders = [
  'Host',
  'localhost:3000',
  'User-Agent',
  'wrk/4.2',
  'Accept',
  '*/*',
  'Accept-Encoding',
  'gzip, deflate, br',
  'Cookie',
  'session=abc123; theme=dark; id=42',
  'Connection',
  'keep-alive',
];
const pairs: [string, string][] = [];
for (let i = 0; i < rawHeaders.length; i += 2)
  pairs.push([rawHeaders[i] ?? '', rawHeaders[i + 1] ?? '']);

let sink = 0;

describe('a GET request: build it, read method, url and one header', () => {
  bench('createLazyRequest', () => {
    const request = createLazyRequest({ method: 'GET', url, rawHeaders });
    sink +=
      request.method.length + request.url.length + (request.headers.get('accept')?.length ?? 0);
  });
  bench('new Request (what fetch adapters do)', () => {
    const request = new Request(url, { method: 'GET', headers: pairs });
    sink +=
      request.method.length + request.url.length + (request.headers.get('accept')?.length ?? 0);
  });
  bench('new NextRequest', () => {
    const request = new NextRequest(url, { method: 'GET', headers: pairs });
    sink +=
      request.method.length + request.url.length + (request.headers.get('accept')?.length ?? 0);
  });
});

describe('a GET request: build it and read a cookie', () => {
  bench('createLazyRequest', () => {
    sink +=
      createLazyRequest({ method: 'GET', url, rawHeaders }).cookies.get('theme')?.value.length ?? 0;
  });
  bench('new NextRequest', () => {
    sink +=
      new NextRequest(url, { method: 'GET', headers: pairs }).cookies.get('theme')?.value.length ??
      0;
  });
});

describe('a handler call: bare, and inside the request scope', () => {
  const request = createLazyRequest({ method: 'GET', url, rawHeaders });
  const response = new Response('ok');
  bench('bare call', async () => {
    const result = await Promise.resolve(response);
    sink += result.status;
  });
  bench('scope, handler does not use cookies()', async () => {
    const scope = createRequestScope(request);
    const result = withScopeCookies(
      scope,
      await runInScope(scope, () => Promise.resolve(response)),
    );
    sink += result.status;
  });
  bench('scope, handler reads cookies()', async () => {
    const scope = createRequestScope(createLazyRequest({ method: 'GET', url, rawHeaders }));
    const result = withScopeCookies(
      scope,
      await runInScope(scope, async () => {
        sink += (await cookies()).get('id')?.value.length ?? 0;
        return response;
      }),
    );
    sink += result.status;
  });
});

describe('keeps the optimiser honest', () => {
  bench('sink', () => {
    if (sink < 0) throw new Error('unreachable');
  });
});
