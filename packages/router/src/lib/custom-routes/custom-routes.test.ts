import { describe, expect, it } from 'vitest';
import type { RouteModule } from '../manifest-types.js';
import { createRouter } from '../router.js';
import type { ErrorContext, ErrorRequest, RouterOptions } from '../router-types.js';
import { manifestOf } from '../test-utils/manifest.js';
import { checkHeaderRules, checkRedirectRules, CustomRouteError } from './rules.js';

const quiet = { error: () => undefined, warn: () => undefined };

function app(modules: Record<string, RouteModule>, options: Partial<RouterOptions> = {}) {
  const router = createRouter(manifestOf(...Object.keys(modules)), {
    load: (route) => Promise.resolve(modules[route.id] ?? {}),
    logger: quiet,
    ...options,
  });
  return (path: string, init?: RequestInit) =>
    router.fetch(new Request(`http://localhost${path}`, init));
}

const hello: RouteModule = { GET: () => Response.json({ hello: 'world' }) };

describe('headers() rules', () => {
  it('set fields on the answers of the paths they match, 404s included', async () => {
    const fetch = app(
      { '/api/hello': hello },
      { headers: [{ source: '/api/:path*', headers: [{ key: 'x-config', value: 'yes' }] }] },
    );
    expect((await fetch('/api/hello')).headers.get('x-config')).toBe('yes');
    expect((await fetch('/api/missing')).headers.get('x-config')).toBe('yes');
    expect((await fetch('/other')).headers.get('x-config')).toBeNull();
  });

  it('win over the route’s field of the same name; Set-Cookie and Vary add up, rules first', async () => {
    const fetch = app(
      {
        '/c': {
          GET: () => {
            const headers = new Headers({ 'x-mine': 'route', vary: 'accept' });
            headers.append('set-cookie', 'route=1');
            return new Response('ok', { headers });
          },
        },
      },
      {
        headers: [
          {
            source: '/c',
            headers: [
              { key: 'X-Mine', value: 'rule' },
              { key: 'Set-Cookie', value: 'a=1' },
              { key: 'Vary', value: 'origin' },
            ],
          },
          { source: '/c', headers: [{ key: 'set-cookie', value: 'b=2' }] },
        ],
      },
    );
    const res = await fetch('/c');
    expect(res.headers.get('x-mine')).toBe('rule');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2', 'route=1']);
    expect(res.headers.get('vary')).toBe('origin, accept');
    expect(await res.text()).toBe('ok');
  });

  it('put captured parameters into keys and values; has/missing decide', async () => {
    const fetch = app(
      { '/docs/[slug]': hello },
      {
        headers: [
          {
            source: '/docs/:slug',
            has: [{ type: 'query', key: 'v', value: '(?<version>\\d+)' }],
            missing: [{ type: 'header', key: 'x-skip' }],
            headers: [{ key: 'x-:slug', value: 'v:version of :slug' }],
          },
        ],
      },
    );
    expect((await fetch('/docs/intro?v=2')).headers.get('x-intro')).toBe('v2 of intro');
    expect((await fetch('/docs/intro')).headers.get('x-intro')).toBeNull();
    const skipped = await fetch('/docs/intro?v=2', { headers: { 'x-skip': '1' } });
    expect(skipped.headers.get('x-intro')).toBeNull();
  });

  it('match case-insensitively, with one trailing slash, under the base path', async () => {
    const fetch = app(
      { '/a': hello },
      { basePath: '/base', headers: [{ source: '/a', headers: [{ key: 'x-r', value: '1' }] }] },
    );
    expect((await fetch('/base/A')).headers.get('x-r')).toBe('1');
    expect((await fetch('/a')).headers.get('x-r')).toBeNull();
    const outside = app(
      { '/a': hello },
      {
        basePath: '/base',
        headers: [{ source: '/a', basePath: false, headers: [{ key: 'x-r', value: '1' }] }],
      },
    );
    expect((await outside('/a')).headers.get('x-r')).toBe('1');
  });

  it('are not on the 308 to the canonical path', async () => {
    const fetch = app(
      { '/a': hello },
      { headers: [{ source: '/:path*', headers: [{ key: 'x-r', value: '1' }] }] },
    );
    const res = await fetch('/a/');
    expect(res.status).toBe(308);
    expect(res.headers.get('x-r')).toBeNull();
  });
});

describe('redirects() rules', () => {
  it('answer 307 or 308 with the location as the body, Refresh on 308, no rule fields', async () => {
    const fetch = app(
      { '/new/[slug]': hello },
      {
        headers: [{ source: '/:path*', headers: [{ key: 'x-r', value: '1' }] }],
        redirects: [
          { source: '/old/:slug', destination: '/new/:slug', permanent: true },
          { source: '/temp', destination: '/new/t?from=temp', permanent: false },
          { source: '/see/:x*', destination: 'https://example.com/docs/:x*', statusCode: 303 },
        ],
      },
    );
    const permanent = await fetch('/old/intro?q=1');
    expect(permanent.status).toBe(308);
    expect(permanent.headers.get('location')).toBe('/new/intro?q=1');
    expect(permanent.headers.get('refresh')).toBe('0;url=/new/intro?q=1');
    expect(permanent.headers.get('content-type')).toBeNull();
    expect(permanent.headers.get('x-r')).toBeNull();
    expect(await permanent.text()).toBe('/new/intro?q=1');
    const temporary = await fetch('/temp?from=me&b=a%20b');
    expect([temporary.status, temporary.headers.get('location')]).toEqual([
      307,
      '/new/t?from=temp&b=a%20b',
    ]);
    expect(temporary.headers.get('refresh')).toBeNull();
    const other = await fetch('/see/a/b');
    expect([other.status, other.headers.get('location')]).toEqual([
      303,
      'https://example.com/docs/a/b',
    ]);
  });

  it('put the base path in front of source and destination, not of external ones', async () => {
    const fetch = app(
      { '/b': hello },
      {
        basePath: '/docs',
        redirects: [
          { source: '/a', destination: '/b', permanent: false },
          { source: '/out', destination: '/b', permanent: false, basePath: false },
        ],
      },
    );
    expect((await fetch('/docs/a')).headers.get('location')).toBe('/docs/b');
    expect((await fetch('/a')).status).toBe(404);
    expect((await fetch('/out')).headers.get('location')).toBe('/b');
  });

  it('join a repeated parameter and fill captures from has', async () => {
    const fetch = app(
      {},
      {
        redirects: [
          {
            source: '/blog/:path*',
            has: [{ type: 'header', key: 'x-lang', value: '(?<lang>[a-z]{2})' }],
            destination: '/:lang/articles/:path*',
            permanent: false,
          },
        ],
      },
    );
    const res = await fetch('/blog/2024/hello', { headers: { 'x-lang': 'fr' } });
    expect(res.headers.get('location')).toBe('/fr/articles/2024/hello');
    expect((await fetch('/blog/2024/hello')).status).toBe(404);
  });
});

describe('rule checks', () => {
  it('name the rule and what is wrong', () => {
    const fail = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(CustomRouteError);
        return (error as Error).message.split('\n')[0];
      }
      throw new Error('did not throw');
    };
    expect(
      fail(() => checkRedirectRules([{ source: '/a', destination: '/b' }], 'next.config.ts')),
    ).toBe('next.config.ts: redirects()[0] `permanent` is not set to `true` or `false`.');
    expect(
      fail(() =>
        checkRedirectRules(
          [{ source: '/a', destination: '/b/:slug', permanent: true }],
          'next.config.js',
        ),
      ),
    ).toBe(
      'next.config.js: redirects()[0] `destination` has segments not in `source` or `has` (slug).',
    );
    expect(fail(() => checkHeaderRules([{ source: 'a', headers: [] }], 'next.config.mjs'))).toBe(
      'next.config.mjs: headers()[0] `headers` must be a non-empty array.',
    );
    expect(
      fail(() =>
        checkHeaderRules([{ source: 'a', headers: [{ key: 'k', value: 'v' }] }], 'next.config.mjs'),
      ),
    ).toBe('next.config.mjs: headers()[0] `source` does not start with /.');
    expect(fail(() => checkHeaderRules({}, 'next.config.mjs'))).toBe(
      'next.config.mjs: headers() must return an array, received object.',
    );
    expect(checkRedirectRules([{ source: '/a', destination: '/b', statusCode: 301 }], 'x')).toEqual(
      [{ source: '/a', destination: '/b', statusCode: 301 }],
    );
  });
});

describe('onRequestError', () => {
  it('is told about a thrown error before the 500, in Next.js’s shapes', async () => {
    const calls: [unknown, ErrorRequest, ErrorContext][] = [];
    const boom = new Error('boom');
    const fetch = app(
      {
        '/users/[id]': {
          GET: () => {
            throw boom;
          },
        },
        '/nothing': { GET: () => undefined as unknown as Response },
        '/gone': {
          GET: () => {
            // notFound() and redirect() are answers, not errors.
            throw Object.assign(new Error('NEXT_HTTP_ERROR_FALLBACK;404'), {
              digest: 'NEXT_HTTP_ERROR_FALLBACK;404',
            });
          },
        },
      },
      {
        onRequestError: async (error, request, context) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          calls.push([error, request, context]);
        },
      },
    );
    const res = await fetch('/users/7?x=1', { headers: { 'x-probe': 'a' } });
    expect(res.status).toBe(500);
    expect(calls).toHaveLength(1);
    const [error, request, context] = calls[0] ?? [];
    expect(error).toBe(boom);
    expect(request).toMatchObject({ path: '/users/7?x=1', method: 'GET' });
    expect(request?.headers['x-probe']).toBe('a');
    expect(context).toEqual({
      routerKind: 'App Router',
      routePath: '/users/[id]',
      routeType: 'route',
      revalidateReason: undefined,
    });
    expect((await fetch('/nothing')).status).toBe(500);
    expect(calls[1]?.[0]).toBeInstanceOf(TypeError);
    expect((await fetch('/gone')).status).toBe(404);
    expect(calls).toHaveLength(2);
  });

  it('failing itself is logged and leaves the 500 as it is', async () => {
    const logged: string[] = [];
    const router = createRouter(manifestOf('/x'), {
      load: () =>
        Promise.resolve({
          GET: () => {
            throw new Error('x');
          },
        }),
      logger: { error: (message) => logged.push(message), warn: () => undefined },
      onRequestError: () => {
        throw new Error('hook');
      },
    });
    expect((await router.fetch(new Request('http://localhost/x'))).status).toBe(500);
    expect(logged).toContain('Error in instrumentation.onRequestError:');
  });
});
