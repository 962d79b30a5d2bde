import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  after,
  cookies,
  headers,
  NextResponse,
  type NextFetchEvent,
  type NextRequest,
} from '@approute/request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteHandlerContext, RouteModule } from '../manifest-types.js';
import { createRouter } from '../router.js';
import type { RouterOptions } from '../router-types.js';
import { manifestOf } from '../test-utils/manifest.js';
import { ProxyMatcherError } from './errors.js';

type Proxy = (request: NextRequest, event: NextFetchEvent) => unknown;

// The route every test reaches: what it saw of the request after the proxy.
const echo: RouteModule = {
  async GET(request: Request, context: RouteHandlerContext) {
    const store = await cookies();
    const seen = await headers();
    return Response.json(
      {
        url: request.url,
        params: (await context.params) ?? null,
        header: request.headers.get('x-seen'),
        headersFn: seen.get('x-seen'),
        cookies: store.getAll().map(({ name, value }) => `${name}=${value}`),
        middleware: [...request.headers.keys()].filter((name) => name.startsWith('x-middleware')),
      },
      { headers: { 'x-route': 'echo', 'set-cookie': 'route=1; Path=/' } },
    );
  },
  async POST(request: Request) {
    return new Response(`route read: ${await request.text()}`);
  },
};

function setup(proxy: Proxy, options: Partial<RouterOptions> & { config?: unknown } = {}) {
  const errors: string[] = [];
  const loads: string[] = [];
  const { config, ...rest } = options;
  const router = createRouter(manifestOf('/echo/[[...path]]', '/target/[id]', '/get-only'), {
    load: (route) =>
      Promise.resolve(
        route.id === '/get-only'
          ? { GET: () => new Response('get only', { headers: { 'x-route': 'get-only' } }) }
          : echo,
      ),
    logger: {
      error: (message, error) =>
        errors.push(
          `${message} ${error instanceof Error ? `${error.name}: ${error.message}` : ''}`,
        ),
      warn: (message) => errors.push(message),
    },
    proxy: {
      file: 'proxy.ts',
      config: config ?? { matcher: ['/echo/:path*', '/get-only', '/nowhere'] },
      load: () => {
        loads.push('proxy.ts');
        return Promise.resolve({ proxy });
      },
    },
    ...rest,
  });
  const closers: (() => void)[] = [];
  const send = (path: string, init?: RequestInit) =>
    router.fetch(new Request(`http://localhost${path}`, init), {
      onClose: (callback) => closers.push(callback),
      waitUntil: () => undefined,
    });
  const close = () => {
    for (const callback of closers.splice(0)) callback();
  };
  return { router, send, errors, loads, close };
}

describe('the proxy step', () => {
  it('does not load nor run the proxy for a path its matcher does not cover', async () => {
    let calls = 0;
    const { send, loads } = setup(() => {
      calls++;
    });
    const response = await send('/target/1');
    expect(response.status).toBe(200);
    expect(calls).toBe(0);
    expect(loads).toEqual([]);
  });

  it('continues unchanged for next() and for nothing returned', async () => {
    for (const proxy of [() => NextResponse.next(), () => undefined]) {
      const { send } = setup(proxy);
      const response = await send('/echo/a', { headers: { 'x-seen': 'client' } });
      expect(response.headers.get('x-route')).toBe('echo');
      expect(await response.json()).toMatchObject({ header: 'client', params: { path: ['a'] } });
    }
  });

  it('gives the route the request headers of next({ request: { headers } }), and headers() sees them', async () => {
    const { send } = setup((request) => {
      const replaced = new Headers(request.headers);
      replaced.set('x-seen', 'proxy');
      replaced.set('cookie', 'session=proxy');
      return NextResponse.next({ request: { headers: replaced } });
    });
    const response = await send('/echo/a', { headers: { 'x-seen': 'client', cookie: 'a=1' } });
    expect(response.headers.has('x-seen')).toBe(false);
    expect(response.headers.has('x-middleware-override-headers')).toBe(false);
    expect(await response.json()).toMatchObject({
      header: 'proxy',
      headersFn: 'proxy',
      cookies: ['session=proxy'],
      middleware: [],
    });
  });

  it('keeps a change the proxy makes to its own request away from the route', async () => {
    const { send } = setup((request) => {
      request.headers.set('x-seen', 'in place');
      return NextResponse.next();
    });
    expect(await (await send('/echo/a')).json()).toMatchObject({ header: null });
  });

  it("sends next({ headers }) to the client and, as Next.js does, to the route's request", async () => {
    const { send } = setup(() => NextResponse.next({ headers: { 'x-seen': 'both' } }));
    const response = await send('/echo/a');
    expect(response.headers.get('x-seen')).toBe('both');
    expect(await response.json()).toMatchObject({ header: 'both', headersFn: 'both' });
  });

  it("puts the proxy's fields first: its Set-Cookie before the route's, its value of a name both set", async () => {
    const { send } = setup(() => {
      const response = NextResponse.next({ headers: { 'x-route': 'proxy', vary: 'x-a' } });
      response.cookies.set('proxy', '1');
      return response;
    });
    const response = await send('/echo/a');
    expect(response.headers.getSetCookie()).toEqual(['proxy=1; Path=/', 'route=1; Path=/']);
    expect(response.headers.get('x-route')).toBe('proxy');
    expect(response.headers.get('vary')).toBe('x-a');
  });

  it('rewrites to another route: params from the new path, the URL the client asked for', async () => {
    const { send } = setup((request) => {
      const response = NextResponse.rewrite(new URL('/target/42?via=rewrite', request.url));
      response.headers.set('x-rewrote', 'yes');
      return response;
    });
    const response = await send('/echo/x?orig=1');
    expect(response.headers.get('x-rewrote')).toBe('yes');
    expect(await response.json()).toMatchObject({
      url: 'http://localhost/echo/x?orig=1',
      params: { id: '42' },
    });
  });

  it('answers a rewrite to no route with 404, and a POST to a GET-only route with 405, with the proxy fields', async () => {
    const { send } = setup((request) =>
      NextResponse.rewrite(
        new URL(request.nextUrl.pathname === '/echo/none' ? '/missing' : '/get-only', request.url),
        { headers: { 'x-proxy': 'ran' } },
      ),
    );
    const missing = await send('/echo/none');
    expect([missing.status, missing.headers.get('x-proxy')]).toEqual([404, 'ran']);
    const post = await send('/echo/post', { method: 'POST', body: 'x' });
    expect([post.status, post.headers.get('x-proxy')]).toEqual([405, 'ran']);
  });

  it('runs before the 404 and the 405 of paths it covers', async () => {
    const { send } = setup(() => NextResponse.next({ headers: { 'x-proxy': 'ran' } }));
    const missing = await send('/nowhere');
    expect([missing.status, missing.headers.get('x-proxy')]).toEqual([404, 'ran']);
    const post = await send('/get-only', { method: 'DELETE' });
    expect([post.status, post.headers.get('x-proxy')]).toEqual([405, 'ran']);
  });

  it('sends a same-origin redirect Location as a path, an external one as given', async () => {
    const { send } = setup((request) =>
      request.nextUrl.pathname === '/echo/out'
        ? NextResponse.redirect('https://example.com/x?a=1')
        : Response.redirect(new URL('/target/1?x=1', request.url), 303),
    );
    const inside = await send('/echo/in');
    expect([inside.status, inside.headers.get('location')]).toEqual([303, '/target/1?x=1']);
    const outside = await send('/echo/out');
    expect(outside.headers.get('location')).toBe('https://example.com/x?a=1');
  });

  it('answers with any other Response as it is, without a body for HEAD', async () => {
    const { send } = setup(
      () => new Response('short and stout', { status: 418, headers: { 'x-teapot': '1' } }),
    );
    const response = await send('/echo/a');
    expect([response.status, response.headers.get('x-teapot'), await response.text()]).toEqual([
      418,
      '1',
      'short and stout',
    ]);
    const head = await send('/echo/a', { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([418, '']);
  });

  it('answers 500 and logs when the proxy throws, rejects, or returns what is not a Response', async () => {
    const proxies: [Proxy, string][] = [
      [
        () => {
          throw new Error('failed on purpose');
        },
        'Error: failed on purpose',
      ],
      [() => Promise.reject(new Error('rejected on purpose')), 'Error: rejected on purpose'],
      [() => ({ status: 200 }), 'TypeError: Expected an instance of Response to be returned'],
      [() => new Response('x', { headers: { location: '/relative' } }), 'TypeError: Invalid URL'],
    ];
    for (const [proxy, logged] of proxies) {
      const { send, errors } = setup(proxy);
      const response = await send('/echo/a');
      expect(response.status).toBe(500);
      expect(errors).toEqual([`Proxy 'proxy.ts' failed (method: GET, url: /echo/a) ${logged}`]);
      // The router keeps answering.
      expect((await send('/target/1')).status).toBe(200);
    }
  });

  it('answers 500 and logs when the module exports no proxy function, and tries again', async () => {
    const errors: string[] = [];
    let attempts = 0;
    const router = createRouter(manifestOf('/a'), {
      load: () => Promise.resolve({ GET: () => new Response('a') }),
      logger: { error: (message) => errors.push(message), warn: () => undefined },
      proxy: {
        file: 'proxy.ts',
        load: () => {
          attempts++;
          return Promise.resolve({ middleware: () => undefined });
        },
      },
    });
    expect((await router.fetch(new Request('http://localhost/a'))).status).toBe(500);
    expect((await router.fetch(new Request('http://localhost/a'))).status).toBe(500);
    expect(attempts).toBe(2);
    expect(errors[0]).toBe("Failed to load proxy module 'proxy.ts' (method: GET, url: /a)");
  });

  it('lets the proxy read the body and the route read it again', async () => {
    let seen = '';
    const { send } = setup(async (request) => {
      seen = await request.text();
      return NextResponse.next();
    });
    const response = await send('/echo/a', { method: 'POST', body: 'posted' });
    expect(seen).toBe('posted');
    expect(await response.text()).toBe('route read: posted');
  });

  it('logs a rejected waitUntil() promise and still answers; runs after() once the answer was sent', async () => {
    const events: string[] = [];
    const { send, errors, close } = setup((_request, event) => {
      event.waitUntil(Promise.reject(new Error('background failed')));
      after(() => events.push('after'));
      events.push('proxy');
      return NextResponse.next();
    });
    const response = await send('/echo/a');
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['proxy']);
    close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['proxy', 'after']);
    expect(errors).toEqual([
      "A promise passed to event.waitUntil() in proxy 'proxy.ts' rejected Error: background failed",
    ]);
  });

  it('removes x-middleware-* fields a client sent from what the proxy and the route see', async () => {
    let seenByProxy: string | null = 'unset';
    const { send } = setup((request) => {
      seenByProxy = request.headers.get('x-middleware-rewrite');
      return NextResponse.next();
    });
    const response = await send('/echo/a', {
      headers: { 'x-middleware-rewrite': 'http://localhost/target/evil', 'x-middleware-next': '1' },
    });
    expect(seenByProxy).toBeNull();
    expect(await response.json()).toMatchObject({ params: { path: ['a'] }, middleware: [] });
  });

  it('runs after the canonical-path 308 and matches under the base path', async () => {
    let calls = 0;
    const { send } = setup(
      (request) => {
        calls++;
        return NextResponse.next({ headers: { 'x-pathname': request.nextUrl.pathname } });
      },
      { basePath: '/base', config: { matcher: '/echo/:path*' } },
    );
    expect((await send('/base/echo/a/')).status).toBe(308);
    expect(calls).toBe(0);
    const inside = await send('/base/echo/a');
    expect([inside.status, inside.headers.get('x-pathname')]).toEqual([200, '/echo/a']);
    expect((await send('/echo/a')).status).toBe(404);
    expect(calls).toBe(1);
  });

  it('refuses an invalid matcher when the router is made, naming the file', () => {
    expect(() => setup(() => undefined, { config: { matcher: 'about' } })).toThrow(
      ProxyMatcherError,
    );
    expect(() => setup(() => undefined, { config: { matcher: 'about' } })).toThrow(
      'proxy.ts contains invalid middleware config: source must start with / at "matcher"',
    );
  });
});

describe('an external rewrite', () => {
  let origin = '';
  const seen: { method: string; url: string; host: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        host: req.headers.host ?? '',
        body,
      });
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/elsewhere' }).end();
        return;
      }
      res.writeHead(201, { 'content-type': 'text/plain', 'set-cookie': 'upstream=1; Path=/' });
      res.write('first,');
      setTimeout(() => res.end('second'), 50);
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('streams the request up and the answer back, the proxy cookie first', async () => {
    const { send } = setup((request) => {
      const response = NextResponse.rewrite(
        new URL(request.nextUrl.pathname.slice('/echo'.length), origin),
      );
      response.cookies.set('proxy', '1');
      return response;
    });
    const response = await send('/echo/up?x=1', { method: 'POST', body: 'payload' });
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(['proxy=1; Path=/', 'upstream=1; Path=/']);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('first,');
    let rest = '';
    for (let part = await reader.read(); !part.done; part = await reader.read())
      rest += new TextDecoder().decode(part.value);
    expect(rest).toBe('second');
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/up',
      host: origin.slice('http://'.length),
      body: 'payload',
    });
  });

  it("passes the destination's redirect to the client", async () => {
    const { send } = setup(() => NextResponse.rewrite(new URL('/redirect', origin)));
    const response = await send('/echo/a');
    expect([response.status, response.headers.get('location')]).toEqual([302, '/elsewhere']);
  });

  it('answers 500 with Next.js log line when the destination cannot be reached', async () => {
    const { send, errors } = setup(() => NextResponse.rewrite('http://127.0.0.1:9/down'));
    const response = await send('/echo/a');
    expect(response.status).toBe(500);
    expect(errors[0]).toMatch(/^Failed to proxy http:\/\/127\.0\.0\.1:9\/down /);
  });
});
