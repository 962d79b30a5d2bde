import { describe, expect, it } from 'vitest';
import { MemoryCacheStore } from './cache-store.js';
import { cacheControlFor, StaticCache } from './static-cache.js';

const ok = (response: Response) => Promise.resolve({ response, failed: false });

function counter() {
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
      return Promise.resolve({ response, failed: false });
    },
  };
}

describe('cacheControlFor', () => {
  it('gives a year of s-maxage when never stale, and s-maxage + swr with revalidate', () => {
    expect(cacheControlFor(false)).toBe('s-maxage=31536000');
    expect(cacheControlFor(60)).toBe('s-maxage=60, stale-while-revalidate=31535940');
  });
});

describe('StaticCache', () => {
  it('produces once and serves identical body and headers afterwards', async () => {
    const cache = new StaticCache(new MemoryCacheStore());
    const source = counter();
    const first = await cache.serve('/x', false, source.produce);
    const second = await cache.serve('/x', false, source.produce);
    expect(source.calls).toBe(1);
    expect(await second.text()).toBe(await first.text());
    expect([...second.headers]).toEqual([...first.headers]);
    expect(second.headers.get('cache-control')).toBe('s-maxage=31536000');
    expect(second.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('shares one production between concurrent first requests', async () => {
    const cache = new StaticCache(new MemoryCacheStore());
    const source = counter();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => cache.serve('/x', false, source.produce)),
    );
    expect(source.calls).toBe(1);
    expect(new Set(await Promise.all(answers.map((a) => a.text()))).size).toBe(1);
  });

  it('serves the stale copy after revalidate seconds and regenerates in the background', async () => {
    let now = 1_000_000;
    const cache = new StaticCache(new MemoryCacheStore(), { now: () => now });
    const source = counter();
    const background: Promise<unknown>[] = [];
    const serve = () => cache.serve('/x', 10, source.produce, (p) => background.push(p));
    expect(await (await serve()).json()).toEqual({ n: 1 });
    now += 9_999;
    expect(await (await serve()).json()).toEqual({ n: 1 });
    expect(background).toHaveLength(0);
    now += 1;
    expect(await (await serve()).json()).toEqual({ n: 1 });
    expect(background).toHaveLength(1);
    await Promise.all(background);
    expect(source.calls).toBe(2);
    const fresh = await serve();
    expect(await fresh.json()).toEqual({ n: 2 });
    expect(fresh.headers.get('cache-control')).toBe('s-maxage=10, stale-while-revalidate=31535990');
  });

  it('keeps the stale copy when the background regeneration fails, and reports it', async () => {
    let now = 0;
    const errors: unknown[] = [];
    const cache = new StaticCache(new MemoryCacheStore(), {
      now: () => now,
      onError: (_key, e) => errors.push(e),
    });
    await cache.serve('/x', 1, () => ok(new Response('v1')));
    now = 5_000;
    const background: Promise<unknown>[] = [];
    const stale = await cache.serve(
      '/x',
      1,
      () => Promise.reject(new Error('down')),
      (p) => background.push(p),
    );
    await Promise.all(background);
    expect(await stale.text()).toBe('v1');
    expect(errors).toHaveLength(1);
    expect(await (await cache.serve('/x', 1, () => ok(new Response('v2')))).text()).toBe('v1');
  });

  it('keeps the stale copy when the regeneration answers a failure, and reports it', async () => {
    let now = 0;
    const errors: unknown[] = [];
    const cache = new StaticCache(new MemoryCacheStore(), {
      now: () => now,
      onError: (_key, e) => errors.push(e),
    });
    await cache.serve('/x', 1, () => ok(new Response('v1')));
    now = 5_000;
    const background: Promise<unknown>[] = [];
    const failed = () =>
      Promise.resolve({ response: new Response(null, { status: 500 }), failed: true });
    await cache.serve('/x', 1, failed, (p) => background.push(p));
    await Promise.all(background);
    expect(errors).toHaveLength(1);
    expect(await (await cache.serve('/x', 1, () => ok(new Response('v2')))).text()).toBe('v1');
  });

  it('gives each request that waited on a failed production its own copy, and caches nothing', async () => {
    const store = new MemoryCacheStore();
    const cache = new StaticCache(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const failed = async () => {
      await gate;
      return { response: new Response('boom', { status: 500 }), failed: true };
    };
    const answers = [cache.serve('/x', false, failed), cache.serve('/x', false, failed)];
    release();
    const [a, b] = await Promise.all(answers);
    expect([a?.status, b?.status]).toEqual([500, 500]);
    expect([await a?.text(), await b?.text()]).toEqual(['boom', 'boom']);
    expect(a?.headers.get('cache-control')).toBeNull();
    expect(store.size).toBe(0);
  });

  it('revalidatePath drops the entry so the next request produces again', async () => {
    const store = new MemoryCacheStore();
    const cache = new StaticCache(store);
    const source = counter();
    await cache.serve('/x', false, source.produce);
    await cache.revalidatePath('/x');
    expect(store.size).toBe(0);
    expect(await (await cache.serve('/x', false, source.produce)).json()).toEqual({ n: 2 });
  });

  it('answers null-body statuses without a body', async () => {
    const cache = new StaticCache(new MemoryCacheStore());
    await cache.serve('/x', false, () => ok(new Response(null, { status: 204 })));
    const again = await cache.serve('/x', false, () => ok(new Response('never')));
    expect(again.status).toBe(204);
    expect(again.body).toBeNull();
  });
});
