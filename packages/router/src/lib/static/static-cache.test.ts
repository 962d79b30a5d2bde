import { CacheRuntime, createProduction, resolveProfiles } from '@approute/request/internal';
import { describe, expect, it } from 'vitest';
import { createMemoryCacheHandler, preciseNow } from './memory-cache.js';
import { cacheControlFor, StaticCache, type Production } from './static-cache.js';

const TAGS = ['_N_T_/layout', '_N_T_/x/route', '_N_T_/x'];
const state = (revalidate: number | false = false) => createProduction('force-static', revalidate);
const ok = (response: Response, revalidate: number | false = false): Promise<Production> =>
  Promise.resolve({ response, failed: false, state: state(revalidate) });

function setup(options: { now?: () => number; onError?: (path: string, e: unknown) => void } = {}) {
  const now = options.now ?? preciseNow;
  const handler = createMemoryCacheHandler({ now });
  const runtime = new CacheRuntime({
    handler,
    builtIn: true,
    profiles: resolveProfiles(undefined),
    logger: { error: () => undefined, warn: () => undefined },
    buildId: 'test',
    dev: false,
    cacheComponents: false,
    now,
  });
  const cache = new StaticCache(runtime, { onError: options.onError });
  const serve = async (
    produce: () => Promise<Production>,
    background?: (p: Promise<unknown>) => void,
  ) => {
    const response = await cache.serve('/x', TAGS, produce, background);
    if (!response) throw new Error('dynamic');
    return response;
  };
  return { cache, handler, runtime, serve };
}

function counter(revalidate: number | false = false) {
  let n = 0;
  return {
    get calls() {
      return n;
    },
    produce: () => {
      n += 1;
      const response = Response.json({ n }, { headers: { 'x-n': String(n) } });
      response.headers.append('set-cookie', 'a=1; Path=/');
      response.headers.append('set-cookie', 'b=2; Path=/');
      return ok(response, revalidate);
    },
  };
}

describe('cacheControlFor', () => {
  it('gives a year of s-maxage when never stale, and s-maxage + swr with revalidate', () => {
    expect(cacheControlFor(false)).toBe('s-maxage=31536000');
    expect(cacheControlFor(60)).toBe('s-maxage=60, stale-while-revalidate=31535940');
    expect(cacheControlFor(900, 3600)).toBe('s-maxage=900, stale-while-revalidate=2700');
    expect(cacheControlFor(60, 60)).toBe('s-maxage=60');
  });
});

describe('StaticCache', () => {
  it('produces once and serves identical body and headers afterwards, MISS then HIT', async () => {
    const { serve } = setup();
    const source = counter();
    const first = await serve(source.produce);
    const second = await serve(source.produce);
    expect(source.calls).toBe(1);
    expect(await second.text()).toBe(await first.text());
    expect(first.headers.get('x-nextjs-cache')).toBe('MISS');
    expect(second.headers.get('x-nextjs-cache')).toBe('HIT');
    const without = (r: Response) => [...r.headers].filter(([n]) => n !== 'x-nextjs-cache');
    expect(without(second)).toEqual(without(first));
    expect(second.headers.get('cache-control')).toBe('s-maxage=31536000');
    expect(second.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('shares one production between concurrent first requests', async () => {
    const { serve } = setup();
    const source = counter();
    const answers = await Promise.all(Array.from({ length: 10 }, () => serve(source.produce)));
    expect(source.calls).toBe(1);
    expect(new Set(await Promise.all(answers.map((a) => a.text()))).size).toBe(1);
  });

  it('serves the stale copy after revalidate seconds and regenerates in the background', async () => {
    let now = 1_000_000;
    const { serve } = setup({ now: () => now });
    const source = counter(10);
    const background: Promise<unknown>[] = [];
    const get = () => serve(source.produce, (p) => background.push(p));
    expect(await (await get()).json()).toEqual({ n: 1 });
    now += 10_000;
    expect(await (await get()).json()).toEqual({ n: 1 });
    expect(background).toHaveLength(0);
    now += 1;
    const stale = await get();
    expect(stale.headers.get('x-nextjs-cache')).toBe('STALE');
    expect(await stale.json()).toEqual({ n: 1 });
    expect(background).toHaveLength(1);
    await Promise.all(background);
    expect(source.calls).toBe(2);
    const fresh = await get();
    expect(await fresh.json()).toEqual({ n: 2 });
    expect(fresh.headers.get('cache-control')).toBe('s-maxage=10, stale-while-revalidate=31535990');
  });

  it('keeps the stale copy when the background regeneration fails, and reports it', async () => {
    let now = 0;
    const errors: unknown[] = [];
    const { serve } = setup({ now: () => now, onError: (_p, e) => errors.push(e) });
    await serve(() => ok(new Response('v1'), 1));
    now = 5_000;
    const background: Promise<unknown>[] = [];
    const stale = await serve(
      () => Promise.reject(new Error('down')),
      (p) => background.push(p),
    );
    await Promise.all(background);
    expect(await stale.text()).toBe('v1');
    expect(errors).toHaveLength(1);
    expect(await (await serve(() => ok(new Response('v2'), 1))).text()).toBe('v1');
  });

  it('gives each request that waited on a failed production its own copy, and caches nothing', async () => {
    const { serve, handler } = setup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const failed = async (): Promise<Production> => {
      await gate;
      return { response: new Response('boom', { status: 500 }), failed: true, state: state() };
    };
    const answers = [serve(failed), serve(failed)];
    release();
    const [a, b] = await Promise.all(answers);
    expect([a?.status, b?.status]).toEqual([500, 500]);
    expect([await a?.text(), await b?.text()]).toEqual(['boom', 'boom']);
    expect(a?.headers.get('cache-control')).toBeNull();
    expect(handler.size).toBe(0);
  });

  it('a tag revalidated without a profile makes the next request produce again', async () => {
    const { serve, runtime } = setup();
    const source = counter();
    await serve(source.produce);
    await runtime.apply([{ tag: '_N_T_/x', profile: undefined, at: Date.now() }]);
    const again = await serve(source.produce);
    expect(again.headers.get('x-nextjs-cache')).toBe('MISS');
    expect(await again.json()).toEqual({ n: 2 });
  });

  it("a tag revalidated with 'max' serves the old answer once, STALE, and refreshes it", async () => {
    const { serve, runtime } = setup();
    const source = counter();
    await serve(source.produce);
    await runtime.apply([{ tag: '_N_T_/x/route', profile: 'max', at: Date.now() }]);
    const background: Promise<unknown>[] = [];
    const stale = await serve(source.produce, (p) => background.push(p));
    expect(stale.headers.get('x-nextjs-cache')).toBe('STALE');
    expect(await stale.json()).toEqual({ n: 1 });
    await Promise.all(background);
    expect(await (await serve(source.produce)).json()).toEqual({ n: 2 });
  });

  it('a production that turned dynamic answers nothing and stores nothing', async () => {
    const { cache, handler } = setup();
    const dynamic = state();
    dynamic.dynamic = 'headers';
    const response = await cache.serve('/x', TAGS, () =>
      Promise.resolve({ response: new Response('x'), failed: false, state: dynamic }),
    );
    expect(response).toBeUndefined();
    expect(handler.size).toBe(0);
  });
});
