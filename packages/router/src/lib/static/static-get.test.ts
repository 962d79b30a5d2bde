import { connection, cookies, headers, revalidatePath } from '@approute/request';
import { describe, expect, it } from 'vitest';
import type { RouteHandlerContext, RouteModule } from '../manifest-types.js';
import { createRouter } from '../router.js';
import type { RouterOptions } from '../router-types.js';
import { manifestOf } from '../test-utils/manifest.js';

function setup(modules: Record<string, RouteModule>, options: Partial<RouterOptions> = {}) {
  const errors: string[] = [];
  const router = createRouter(manifestOf(...Object.keys(modules)), {
    load: (route) => Promise.resolve(modules[route.id] ?? {}),
    logger: {
      error: (message, error) => errors.push(`${message} ${String(error)}`),
      warn: (message) => errors.push(message),
    },
    ...options,
  });
  const get = (path: string, init?: RequestInit) =>
    router.fetch(new Request(`http://example.test${path}`, init));
  return { router, get, errors };
}

// A handler that reports what it saw and how often it ran.
function spy() {
  let runs = 0;
  const GET = async (request: Request, context: RouteHandlerContext) => {
    runs += 1;
    const store = await cookies();
    return Response.json(
      {
        runs,
        url: request.url,
        header: request.headers.get('x-a'),
        cookies: store.getAll().length,
        headers: [...(await headers()).keys()],
        params: context.params ? await context.params : null,
      },
      { headers: { 'x-run': String(runs) } },
    );
  };
  return { GET, runs: () => runs };
}

const seen = async (response: Response) =>
  (await response.json()) as {
    runs: number;
    url: string;
    header: string | null;
    cookies: number;
    headers: string[];
    params: unknown;
  };

describe('GET is dynamic by default', () => {
  it('runs the handler on every request, with no cache headers', async () => {
    const { GET, runs } = spy();
    const { get } = setup({ '/now': { GET } });
    await get('/now');
    const second = await get('/now', { headers: { 'x-a': '1' } });
    expect(runs()).toBe(2);
    expect(second.headers.get('cache-control')).toBeNull();
    expect((await seen(second)).header).toBe('1');
  });
});

describe("dynamic = 'force-static'", () => {
  it('produces the answer once and serves it identically, with s-maxage for a year', async () => {
    const { GET, runs } = spy();
    const { get } = setup({ '/stats': { GET, dynamic: 'force-static' } });
    const first = await get('/stats?q=1', { headers: { 'x-a': 'secret', cookie: 'a=1' } });
    const second = await get('/stats?other', { headers: { 'x-a': 'other' } });
    expect(runs()).toBe(1);
    expect(first.headers.get('cache-control')).toBe('s-maxage=31536000');
    const without = (r: Response) => [...r.headers].filter(([name]) => name !== 'x-nextjs-cache');
    expect(without(second)).toEqual(without(first));
    expect([first.headers.get('x-nextjs-cache'), second.headers.get('x-nextjs-cache')]).toEqual([
      'MISS',
      'HIT',
    ]);
    const body = await seen(second);
    expect(body).toEqual({
      runs: 1,
      url: 'http://localhost:3000/stats',
      header: null,
      cookies: 0,
      headers: [],
      params: null,
    });
  });

  it('answers HEAD from the cached GET without a body', async () => {
    const { GET, runs } = spy();
    const { get } = setup({ '/stats': { GET, dynamic: 'force-static' } });
    const head = await get('/stats', { method: 'HEAD' });
    expect(head.body).toBeNull();
    expect(head.headers.get('x-run')).toBe('1');
    await get('/stats');
    expect(runs()).toBe(1);
  });

  it('keeps the route dynamic when it also exports POST', async () => {
    const { GET, runs } = spy();
    const { get } = setup({ '/mixed': { GET, POST: GET, dynamic: 'force-static' } });
    await get('/mixed');
    await get('/mixed');
    expect(runs()).toBe(2);
  });

  it('caches a dynamic route per path on its first request', async () => {
    const { GET, runs } = spy();
    const { get } = setup({ '/team/[id]': { GET, dynamic: 'force-static' } });
    expect((await seen(await get('/team/a'))).params).toEqual({ id: 'a' });
    expect((await seen(await get('/team/b'))).params).toEqual({ id: 'b' });
    expect((await seen(await get('/team/a'))).runs).toBe(1);
    expect(runs()).toBe(2);
  });

  it('does not cache a failed production: 500 now, a new try next time', async () => {
    let fail = true;
    const { get, errors } = setup({
      '/flaky': {
        dynamic: 'force-static',
        GET: () => {
          if (fail) throw new Error('backend down');
          return new Response('fine');
        },
      },
    });
    expect((await get('/flaky')).status).toBe(500);
    expect(errors.join('\n')).toContain('backend down');
    fail = false;
    expect(await (await get('/flaky')).text()).toBe('fine');
  });
});

describe('revalidate = N', () => {
  it('serves the stale answer after N seconds and regenerates it in the background', async () => {
    let now = 0;
    let count = 0;
    const GET = () => Response.json({ runs: ++count });
    const runs = () => count;
    const waits: Promise<unknown>[] = [];
    const { router } = setup({ '/feed': { GET, revalidate: 60 } }, { now: () => now });
    const get = () =>
      router.fetch(new Request('http://x/feed'), { waitUntil: (p) => waits.push(p) });
    const first = await get();
    expect(first.headers.get('cache-control')).toBe('s-maxage=60, stale-while-revalidate=31535940');
    now = 61_000;
    expect((await seen(await get())).runs).toBe(1);
    await Promise.all(waits);
    expect(runs()).toBe(2);
    expect((await seen(await get())).runs).toBe(2);
  });
});

describe('a static answer that reads request data', () => {
  it('is dynamic without force-static: the handler runs per request with the real request', async () => {
    const { GET, runs } = spy();
    const { get, errors } = setup({ '/feed': { GET, revalidate: 60 } });
    const first = await get('/feed', { headers: { 'x-a': '1' } });
    const second = await get('/feed', { headers: { 'x-a': '2' } });
    expect((await seen(first)).header).toBe('1');
    expect((await seen(second)).header).toBe('2');
    expect(second.headers.get('cache-control')).toBeNull();
    expect(runs()).toBe(3);
    expect(errors).toEqual([]);
  });

  it('is dynamic when the handler calls headers() or unstable_noStore()', async () => {
    let count = 0;
    const { get } = setup({
      '/h': {
        revalidate: 60,
        GET: async () => Response.json({ n: ++count, a: (await headers()).get('x-a') }),
      },
    });
    // The first production stops at headers(): the route is dynamic from then on.
    expect(await (await get('/h', { headers: { 'x-a': 'z' } })).json()).toEqual({ n: 2, a: 'z' });
    expect(await (await get('/h')).json()).toEqual({ n: 3, a: null });
  });
});

describe("dynamic = 'error'", () => {
  it('fails with a clear error when the handler reads the request', async () => {
    const { get, errors } = setup({
      '/strict': {
        dynamic: 'error',
        GET: (request: Request) => new Response(request.headers.get('x') ?? 'none'),
      },
    });
    const response = await get('/strict');
    expect(response.status).toBe(500);
    expect(errors.join('\n')).toContain(
      'Route /strict with `dynamic = "error"` couldn\'t be rendered statically because it used `request.headers`.',
    );
  });

  it('serves a handler that does not read the request', async () => {
    const { get } = setup({ '/fine': { dynamic: 'error', GET: () => new Response('static') } });
    expect(await (await get('/fine')).text()).toBe('static');
  });

  it('fails when the handler awaits connection(), naming it as Next.js does', async () => {
    const { get, errors } = setup({
      '/strict': {
        dynamic: 'error',
        GET: async () => {
          await connection();
          return new Response('never');
        },
      },
    });
    expect((await get('/strict')).status).toBe(500);
    expect(errors.join('\n')).toContain(
      'Route /strict with `dynamic = "error"` couldn\'t be rendered statically because it used `connection()`.',
    );
  });
});

describe('connection() in a static GET', () => {
  it('resolves under force-static, and the answer is produced once', async () => {
    let runs = 0;
    const { get } = setup({
      '/once': {
        dynamic: 'force-static',
        GET: async () => {
          await connection();
          runs += 1;
          return new Response(String(runs));
        },
      },
    });
    expect(await (await get('/once')).text()).toBe('1');
    expect(await (await get('/once')).text()).toBe('1');
  });
});

describe('generateStaticParams and dynamicParams', () => {
  const posts = {
    dynamic: 'force-static',
    dynamicParams: false,
    generateStaticParams: () => [{ slug: 'a' }, { slug: 'b c' }],
    GET: async (_r: Request, { params }: RouteHandlerContext) => Response.json(await params),
  };

  it('answers 404 for params it did not list when dynamicParams = false', async () => {
    const { get } = setup({ '/posts/[slug]': posts });
    expect((await get('/posts/a')).status).toBe(200);
    expect((await get('/posts/zzz')).status).toBe(404);
  });

  it('prerender() produces routes without dynamic segments and the listed params', async () => {
    const { router, get } = setup({
      '/posts/[slug]': posts,
      '/about': { dynamic: 'force-static', GET: () => new Response('about') },
      '/live': { GET: () => new Response('live') },
    });
    const { entries } = await router.static.prerender();
    expect(entries.map((e) => e.path).sort()).toEqual(['/about', '/posts/a', '/posts/b%20c']);
    const about = entries.find((e) => e.path === '/about');
    expect(new TextDecoder().decode(about?.entry.body)).toBe('about');
    expect(await (await get('/posts/b%20c')).json()).toEqual({ slug: 'b c' });
  });

  it('prerender() rejects with the handler error (a build error)', async () => {
    const { router } = setup({
      '/strict': { dynamic: 'error', GET: (r: Request) => new Response(r.headers.get('x')) },
    });
    await expect(router.static.prerender()).rejects.toThrow(
      /Producing the static answer of \/strict/,
    );
  });
});

describe('revalidatePath', () => {
  it('drops the cached answer so the next request produces it again', async () => {
    const { GET, runs } = spy();
    const { router, get } = setup({ '/stats': { GET, dynamic: 'force-static' } });
    await get('/stats');
    await router.static.revalidatePath('/stats');
    expect((await seen(await get('/stats'))).runs).toBe(2);
    expect(runs()).toBe(2);
  });

  it('revalidatePath() inside a handler drops the answer before the response goes out', async () => {
    const { GET, runs } = spy();
    const { get } = setup({
      '/stats': { GET, dynamic: 'force-static' },
      '/refresh': {
        POST: () => {
          revalidatePath('/stats');
          return new Response(null, { status: 204 });
        },
      },
    });
    await get('/stats');
    expect((await get('/refresh', { method: 'POST' })).status).toBe(204);
    expect((await seen(await get('/stats'))).runs).toBe(2);
    expect(runs()).toBe(2);
  });
});
