import {
  after,
  cookies,
  NextRequest,
  NextResponse,
  notFound,
  permanentRedirect,
  redirect,
} from '@approute/request';
import { createLazyRequest, responderOf } from '@approute/request/internal';
import { describe, expect, it } from 'vitest';
import type { RouteHandlerContext, RouteModule } from './manifest-types.js';
import { createRouter } from './router.js';
import type { RouterOptions } from './router-types.js';
import { manifestOf } from './test-utils/manifest.js';

type Modules = Record<string, RouteModule>;

function setup(modules: Modules, options: Partial<RouterOptions> = {}) {
  const errors: [string, unknown][] = [];
  const warnings: string[] = [];
  const loads: string[] = [];
  const router = createRouter(manifestOf(...Object.keys(modules)), {
    load: (route) => {
      loads.push(route.id);
      return Promise.resolve(modules[route.id] ?? {});
    },
    logger: {
      error: (message, error) => errors.push([message, error]),
      warn: (message) => warnings.push(message),
    },
    ...options,
  });
  // A lazy request, as adapters build them: any method token, the path exactly as received.
  const request = (path: string, init?: RequestInit) =>
    router.fetch(
      init?.method &&
        !['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(init.method)
        ? createLazyRequest({ method: init.method, url: `http://localhost${path}` })
        : new Request(`http://localhost${path}`, init),
    );
  return { router, request, errors, warnings, loads };
}

const ok = () => new Response('ok', { headers: { 'x-handler': 'yes' } });

describe('automatic OPTIONS and Allow', () => {
  const { request } = setup({
    '/get': { GET: ok },
    '/all': { GET: ok, HEAD: ok, POST: ok, PUT: ok, PATCH: ok, DELETE: ok },
    '/post': { POST: ok },
    '/none': { helper: 1 },
    '/own': { OPTIONS: () => new Response('mine', { status: 200 }) },
  });

  it('answers 204 with the sorted Allow header and no body', async () => {
    const cases = {
      '/get': 'GET, HEAD, OPTIONS',
      '/all': 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT',
      '/post': 'OPTIONS, POST',
      '/none': 'OPTIONS',
    };
    for (const [path, allow] of Object.entries(cases)) {
      const response = await request(path, { method: 'OPTIONS' });
      expect(response.status).toBe(204);
      expect(response.headers.get('allow')).toBe(allow);
      expect(response.headers.get('content-type')).toBeNull();
      expect(await response.text()).toBe('');
    }
  });

  it('uses an exported OPTIONS as is', async () => {
    const response = await request('/own', { method: 'OPTIONS' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('mine');
  });

  it('answers 405 with the same Allow header for one of the seven not exported', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await request('/get', { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(await response.text()).toBe('');
    }
    expect((await request('/post', { method: 'HEAD' })).status).toBe(405);
  });

  it("answers 405 for a module with only a default export, with Next.js's two lines", async () => {
    const { request: send, warnings } = setup({ '/default': { default: ok } });
    const response = await send('/default');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('OPTIONS');
    expect(warnings).toEqual([
      "Detected default export in 'app/default/route.ts'. Export a named export for each HTTP method instead.",
      "No HTTP methods exported in 'app/default/route.ts'. Export a named export for each HTTP method.",
    ]);
  });

  it('answers 501 for any other method token', async () => {
    for (const method of ['TRACE', 'PROPFIND', 'QUERY', 'patch', 'FOO']) {
      const response = await request('/all', { method });
      expect(response.status, method).toBe(501);
      expect(await response.text()).toBe('');
    }
  });

  it('answers 404 for an unmatched path, OPTIONS included', async () => {
    expect((await request('/nope')).status).toBe(404);
    expect((await request('/nope', { method: 'OPTIONS' })).status).toBe(404);
    expect((await request('/nope', { method: 'TRACE' })).status).toBe(404);
  });
});

describe('HEAD', () => {
  it('runs GET with request.method HEAD, keeps status and headers, drops the body', async () => {
    let seen = '';
    const { request } = setup({
      '/x': {
        GET: (req: Request) => {
          seen = req.method;
          return new Response('body', {
            status: 203,
            headers: { 'x-a': '1', 'content-type': 'text/plain' },
          });
        },
      },
    });
    const response = await request('/x', { method: 'HEAD' });
    expect(seen).toBe('HEAD');
    expect(response.status).toBe(203);
    expect(response.headers.get('x-a')).toBe('1');
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.body).toBeNull();
  });

  it('uses an exported HEAD handler first', async () => {
    const { request } = setup({
      '/x': { GET: ok, HEAD: () => new Response(null, { headers: { 'x-head': '1' } }) },
    });
    expect((await request('/x', { method: 'HEAD' })).headers.get('x-head')).toBe('1');
  });
});

describe('dispatch', () => {
  it('dispatches each of the seven methods to the export of that name, awaiting its result', async () => {
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
    const mod = Object.fromEntries(
      methods.map((method) => [
        method,
        () => Promise.resolve(new Response(null, { status: 200, headers: { 'x-method': method } })),
      ]),
    );
    const { request } = setup({ '/m': mod });
    for (const method of methods) {
      expect((await request('/m', { method })).headers.get('x-method')).toBe(method);
    }
  });

  it('passes a streaming body through as the handler made it', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('first'));
        controller.error(new Error('cut'));
      },
    });
    const { request } = setup({ '/s': { GET: () => new Response(stream) } });
    const response = await request('/s');
    expect(response.status).toBe(200);
    expect(response.body).toBe(stream);
    await expect(response.text()).rejects.toThrow('cut');
  });

  it('calls the handler with a NextRequest and params undefined for a static route', async () => {
    let args: [unknown, RouteHandlerContext] | undefined;
    const { request } = setup({
      '/s': { GET: (req: unknown, ctx: RouteHandlerContext) => ((args = [req, ctx]), ok()) },
    });
    expect((await request('/s')).headers.get('x-handler')).toBe('yes');
    expect(args?.[0]).toBeInstanceOf(NextRequest);
    expect(args?.[0]).toBeInstanceOf(Request);
    expect(args?.[1]).toEqual({ params: undefined });
  });

  it('gives a dynamic route a Promise of params and no synchronous access', async () => {
    let context: RouteHandlerContext | undefined;
    const { request } = setup({
      '/shop/[tag]/[item]': {
        GET: (_req: Request, ctx: RouteHandlerContext) => ((context = ctx), ok()),
      },
    });
    await request('/shop/1/2');
    expect(context?.params).toBeInstanceOf(Promise);
    expect((context?.params as unknown as Record<string, unknown>).tag).toBeUndefined();
    expect(await context?.params).toEqual({ tag: '1', item: '2' });
  });

  it('loads a route module on its first request, once', async () => {
    const { request, loads } = setup({ '/a': { GET: ok }, '/b': { GET: ok } });
    expect(loads).toEqual([]);
    await Promise.all([request('/a'), request('/a'), request('/a', { method: 'OPTIONS' })]);
    expect(loads).toEqual(['/a']);
  });

  it('answers 400 with a short body for malformed percent-encoding in a dynamic segment', async () => {
    const { request } = setup({ '/p/[id]': { GET: ok } });
    const response = await request('/p/%ZZ');
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Bad Request: malformed percent-encoding in the URL path');
    expect((await request('/p/%E2%82')).status).toBe(400);
  });
});

describe('failures', () => {
  it('answers 500 with an empty body when a handler throws, and logs it', async () => {
    const boom = new Error('boom');
    const { request, errors } = setup({
      '/t': {
        GET: () => {
          throw boom;
        },
        POST: () => Promise.reject(boom),
        PUT: () => {
          const response: unknown = new Response('thrown', { status: 418 });
          throw response;
        },
      },
    });
    for (const method of ['GET', 'POST', 'PUT']) {
      const response = await request('/t?q=1', { method });
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBeNull();
      expect(await response.text()).toBe('');
    }
    expect(errors[0]).toEqual([
      "Route handler 'app/t/route.ts' failed (method: GET, url: /t?q=1)",
      boom,
    ]);
    expect(errors).toHaveLength(3);
  });

  it('shows message and stack in the body in development', async () => {
    const { request } = setup(
      { '/t': { GET: () => Promise.reject(new Error('boom')) } },
      { dev: true },
    );
    const body = await (await request('/t')).text();
    expect(body).toMatch(/^Error: boom\n\s+at /);
  });

  it("answers 500 for a non-Response result and logs Next.js's line", async () => {
    const { request, errors } = setup({
      '/n': {
        GET: () => ({ not: 'a response' }),
        POST: () => undefined,
        PUT: () => 'text',
        DELETE: () => [1],
        PATCH: () => () => undefined,
      },
    });
    const response = await request('/n?a=b');
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
    expect(errors[0]?.[0]).toBe(
      "No response is returned from route handler 'app/n/route.ts'. Expected a Response object but received 'Object' (method: GET, url: /n). Ensure you return a `Response` or a `NextResponse` in all branches of your handler.",
    );
    await request('/n', { method: 'POST' });
    expect(errors[1]?.[0]).toContain("received 'undefined' (method: POST, url: /n)");
    const received = async (method: string) => {
      await request('/n', { method });
      return /received '([^']*)'/.exec(errors.at(-1)?.[0] ?? '')?.[1];
    };
    expect(await received('PUT')).toBe('string');
    expect(await received('DELETE')).toBe('Array');
    expect(await received('PATCH')).toBe('function');
  });

  it('names the request in that line by its pathname below the base path, as Next.js does', async () => {
    const { request, errors } = setup(
      {
        '/': { GET: () => undefined },
        '/n': { GET: () => Object.create(null) as unknown, POST: () => null },
      },
      { basePath: '/base' },
    );
    await request('/base/n?a=b');
    await request('/base/n', { method: 'POST' });
    await request('/base?a=b');
    expect(errors.map(([message]) => /received .*\)/.exec(message)?.[0])).toEqual([
      "received 'object' (method: GET, url: /n)",
      "received 'null' (method: POST, url: /n)",
      "received 'undefined' (method: GET, url: /)",
    ]);
  });

  it('answers 500 for NextResponse.rewrite() and NextResponse.next(), logging that they are middleware-only', async () => {
    const { request, errors } = setup({
      '/m': {
        GET: () => NextResponse.rewrite('http://localhost/x'),
        POST: () => NextResponse.next(),
      },
    });
    expect((await request('/m')).status).toBe(500);
    expect((await request('/m', { method: 'POST' })).status).toBe(500);
    expect(errors.map(([message]) => message)).toEqual([
      "NextResponse.rewrite() was used in a app route handler, this is not currently supported. Please remove the invocation to continue. Route handler 'app/m/route.ts' (method: GET, url: /m).",
      "NextResponse.next() was used in a app route handler, this is not supported. See here for more info: https://nextjs.org/docs/messages/next-response-next-in-app-route-handler Route handler 'app/m/route.ts' (method: POST, url: /m).",
    ]);
  });

  it('answers 500 when the module does not load or does not validate, and tries again next time', async () => {
    let attempts = 0;
    const router = createRouter(manifestOf('/x', '/bad'), {
      load: (route) => {
        if (route.id === '/bad') return Promise.resolve({ GET: 'x' });
        attempts++;
        return attempts === 1 ? Promise.reject(new Error('syntax')) : Promise.resolve({ GET: ok });
      },
      logger: { error: () => undefined, warn: () => undefined },
    });
    expect((await router.fetch(new Request('http://h/x'))).status).toBe(500);
    expect((await router.fetch(new Request('http://h/x'))).status).toBe(200);
    expect((await router.fetch(new Request('http://h/bad'))).status).toBe(500);
  });
});

describe('URLs', () => {
  const { request } = setup({ '/dashboard/[id]': { GET: ok }, '/': { GET: ok } });

  it('redirects a trailing slash, repeated slashes and backslashes with 308, query kept, before matching', async () => {
    const cases = {
      '/dashboard/1/?a=1': '/dashboard/1?a=1',
      '//dashboard//1': '/dashboard/1',
      '/nowhere/': '/nowhere',
    };
    for (const [path, location] of Object.entries(cases)) {
      const response = await request(path);
      expect(response.status).toBe(308);
      expect(response.headers.get('location')).toBe(location);
    }
    const raw = { method: 'GET', url: 'http://h/a\\b?x' };
    const { router } = setup({ '/a/b': { GET: ok } });
    const backslash = await router.fetch(createLazyRequest(raw), { target: '/a\\b?x' });
    expect(backslash.status).toBe(308);
    expect(backslash.headers.get('location')).toBe('/a/b?x');
    // Without the raw target, Request#url already reads the backslash as a slash.
    expect((await router.fetch(createLazyRequest(raw))).status).toBe(200);
  });

  it('never answers a Location that a browser reads as another host', async () => {
    const { router } = setup({});
    for (const target of ['/\\evil.com/', '///evil.com', '//evil.com/']) {
      const response = await router.fetch(createLazyRequest({ method: 'GET', url: 'http://h/' }), {
        target,
      });
      expect(response.status).toBe(308);
      expect(response.headers.get('location')).toBe('/evil.com');
    }
  });

  it('serves / and resolves dot segments', async () => {
    expect((await request('/')).status).toBe(200);
    expect((await request('/dashboard/..')).status).toBe(200);
  });

  it('with trailingSlash, redirects to the slash form and serves file-like names without it', async () => {
    const { request: slashed } = setup(
      { '/a': { GET: ok }, '/sitemap.xml': { GET: ok } },
      { trailingSlash: true },
    );
    expect((await slashed('/a')).headers.get('location')).toBe('/a/');
    expect((await slashed('/a/')).status).toBe(200);
    expect((await slashed('/sitemap.xml')).status).toBe(200);
    expect((await slashed('/sitemap.xml/')).headers.get('location')).toBe('/sitemap.xml');
  });

  it('with basePath, answers only under the prefix and tells the request', async () => {
    let nextUrl: { basePath: string; pathname: string } | undefined;
    let url = '';
    const { request: based } = setup(
      {
        '/': { GET: ok },
        '/x': { GET: (req: NextRequest) => ((nextUrl = req.nextUrl), (url = req.url), ok()) },
      },
      { basePath: '/base' },
    );
    expect((await based('/x')).status).toBe(404);
    expect((await based('/base')).status).toBe(200);
    expect((await based('/base/x?q')).status).toBe(200);
    expect(nextUrl?.basePath).toBe('/base');
    expect(nextUrl?.pathname).toBe('/x');
    expect(url).toBe('http://localhost/base/x?q');
    expect((await based('/base/')).headers.get('location')).toBe('/base');
    expect(() =>
      createRouter(manifestOf('/'), { load: () => Promise.resolve({}), basePath: 'base/' }),
    ).toThrow(TypeError);
  });
});

describe('request scope', () => {
  it('merges cookies() into the response', async () => {
    const { request } = setup({
      '/c': {
        GET: async () => {
          (await cookies()).set('b', '1');
          return new Response('ok', { headers: { 'set-cookie': 'own=1; Path=/x' } });
        },
      },
    });
    const response = await request('/c');
    expect(response.headers.getSetCookie()).toEqual(['own=1; Path=/x', 'b=1; Path=/']);
  });

  it('answers redirect(), permanentRedirect() and notFound() with their control-flow responses', async () => {
    const { request, errors } = setup({
      '/r': {
        GET: async () => {
          (await cookies()).set('kept', '1');
          redirect('/elsewhere');
        },
        POST: () => permanentRedirect('/moved'),
        PUT: () => notFound(),
      },
    });
    const temporary = await request('/r');
    expect(temporary.status).toBe(307);
    expect(temporary.headers.get('location')).toBe('/elsewhere');
    expect(temporary.headers.getSetCookie()).toEqual(['kept=1; Path=/']);
    expect((await request('/r', { method: 'POST' })).status).toBe(308);
    expect((await request('/r', { method: 'PUT' })).status).toBe(404);
    expect(errors).toEqual([]);
  });

  it('runs after() callbacks once the adapter reports the response closed', async () => {
    const order: string[] = [];
    const { router } = setup({
      '/a': {
        GET: () => {
          after(() => order.push('after'));
          order.push('handler');
          return ok();
        },
      },
    });
    let close: (() => void) | undefined;
    const pending: Promise<unknown>[] = [];
    await router.fetch(new Request('http://h/a'), {
      onClose: (callback) => (close = callback),
      waitUntil: (promise) => pending.push(promise),
    });
    order.push('sent');
    close?.();
    await Promise.all(pending);
    expect(order).toEqual(['handler', 'sent', 'after']);
  });
});

describe('after() failures', () => {
  it('runs after() callbacks when the handler threw, and logs a failing callback', async () => {
    const ran: string[] = [];
    const { router, errors } = setup({
      '/a': {
        GET: () => {
          after(() => ran.push('first'));
          after(() => {
            throw new Error('late');
          });
          throw new Error('early');
        },
      },
    });
    const pending: Promise<unknown>[] = [];
    const response = await router.fetch(new Request('http://h/a'), {
      onClose: (callback) => {
        callback();
      },
      waitUntil: (promise) => pending.push(promise),
    });
    await Promise.all(pending);
    expect(response.status).toBe(500);
    expect(ran).toEqual(['first']);
    expect(errors.map(([message]) => message)).toEqual([
      "Route handler 'app/a/route.ts' failed (method: GET, url: /a)",
      "An after() callback of route handler 'app/a/route.ts' failed",
    ]);
  });
});

describe("compat: 'next15'", () => {
  const echo = (_request: Request, context: RouteHandlerContext) => {
    const sync = context.params as unknown as Record<string, unknown>;
    const store = cookies() as unknown as { get(name: string): { value: string } | undefined };
    return Response.json({ id: sync.id ?? null, a: store.get('a')?.value ?? null });
  };
  const send = async (
    request: (path: string, init?: RequestInit) => Response | Promise<Response>,
  ): Promise<unknown> => (await request('/items/7', { headers: { cookie: 'a=1' } })).json();

  it('without it, params.id is undefined and cookies() has no members (Next.js 16)', async () => {
    const { request } = setup({
      '/items/[id]': {
        GET: async (_request: Request, context: RouteHandlerContext) => {
          const sync = context.params as unknown as Record<string, unknown>;
          return Response.json({ id: sync.id ?? null, awaited: await context.params });
        },
      },
    });
    expect(await (await request('/items/7')).json()).toEqual({
      id: null,
      awaited: { id: '7' },
    });
  });

  it('with it, params and cookies() work without await, silently in production', async () => {
    const { request, warnings } = setup({ '/items/[id]': { GET: echo } }, { compat: 'next15' });
    expect(await send(request)).toEqual({ id: '7', a: '1' });
    expect(warnings).toEqual([]);
  });

  it("in development each synchronous use logs Next.js 15's warning", async () => {
    const { request, warnings } = setup(
      { '/items/[id]': { GET: echo } },
      { compat: 'next15', dev: true },
    );
    expect(await send(request)).toEqual({ id: '7', a: '1' });
    expect(warnings).toEqual([
      'Route "/items/[id]" used `params.id`. `params` should be awaited before using its properties. Learn more: https://nextjs.org/docs/messages/sync-dynamic-apis',
      'Route "/items/[id]" used `cookies().get(\'a\')`. `cookies()` should be awaited before using its value. Learn more: https://nextjs.org/docs/messages/sync-dynamic-apis',
    ]);
  });

  it('refuses another value', () => {
    expect(() =>
      createRouter(manifestOf('/a'), {
        load: () => Promise.resolve({}),
        compat: 'next14' as 'next15',
      }),
    ).toThrow('compat must be "next15" or left out, received "next14".');
  });
});

describe('createRouter', () => {
  it('refuses a manifest of another version', () => {
    const manifest = { version: 1, routes: [] } as unknown as ReturnType<typeof manifestOf>;
    expect(() => createRouter(manifest, { load: () => Promise.resolve({}) })).toThrow(
      'Unsupported route manifest version 1',
    );
  });
});

describe('match', () => {
  it('finds the route of a path below the base path', () => {
    const { router } = setup({ '/shop/[tag]': { GET: ok } });
    expect(router.match('/shop/a%20b')?.params).toEqual({ tag: 'a b' });
    expect(router.match('/shop/a/')?.route.id).toBe('/shop/[tag]');
    expect(router.match('/nope')).toBeNull();
  });
});

describe("router.fetch's callback form (the Node adapter's fast path)", () => {
  // Calls the callback form and records, in order, what happened and whether it was synchronous.
  function respondTo(router: ReturnType<typeof setup>['router'], path: string) {
    const events: string[] = [];
    let answered!: (response: Response) => void;
    const done = new Promise<Response>((resolve) => (answered = resolve));
    let returned = false;
    const respond = responderOf(router.fetch);
    if (!respond) throw new Error('router.fetch has no callback form');
    respond(
      new Request(`http://localhost${path}`),
      undefined,
      (response) => {
        events.push(`respond ${String(response.status)} ${returned ? 'later' : 'at once'}`);
        answered(response);
      },
      (error) => events.push(`fail ${String(error)}`),
    );
    returned = true;
    return { events, done };
  }

  it('answers without awaiting anything when no handler has to be awaited', async () => {
    const { router } = setup({ '/sync': { GET: ok, POST: ok } });
    await router.fetch(new Request('http://localhost/sync')); // the module is loaded now
    const missing = respondTo(router, '/missing');
    const sync = respondTo(router, '/sync');
    expect(missing.events).toEqual(['respond 404 at once']);
    // A handler runs at once, or in a microtask where that enters the request scope for less
    // (Node 24 and later): either way its answer comes before the event loop's next turn.
    const beforeNextTurn = await new Promise<string[]>((resolve) => {
      setImmediate(() => {
        resolve([...sync.events]);
      });
    });
    expect(beforeNextTurn).toHaveLength(1);
    expect(beforeNextTurn[0]).toMatch(/^respond 200 (at once|later)$/);
    expect(await (await sync.done).text()).toBe('ok');
  });

  it('calls respond once, after the handler settles, with what fetch() would give', async () => {
    const { router } = setup({
      '/late': {
        GET: async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          (await cookies()).set('seen', '1');
          return Response.json({ late: true });
        },
      },
    });
    const { events, done } = respondTo(router, '/late');
    const response = await done;
    expect(events).toEqual(['respond 200 later']);
    expect(await response.json()).toEqual({ late: true });
    expect(response.headers.getSetCookie()).toEqual(['seen=1; Path=/']);
    const viaHandle = await router.fetch(new Request('http://localhost/late'));
    expect(viaHandle.headers.getSetCookie()).toEqual(response.headers.getSetCookie());
  });

  it('turns a throwing handler into a 500 through respond, never fail', async () => {
    const { router, errors } = setup({
      '/throws': {
        GET: () => {
          throw new Error('boom');
        },
      },
    });
    const { events, done } = respondTo(router, '/throws');
    expect((await done).status).toBe(500);
    expect(events).toEqual(['respond 500 later']);
    expect(errors.map(([message]) => message)).toEqual([
      "Route handler 'app/throws/route.ts' failed (method: GET, url: /throws)",
    ]);
  });
});
