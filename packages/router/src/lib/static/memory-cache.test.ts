import { INFINITE_CACHE, type CacheEntry } from '@approute/request';
import { describe, expect, it } from 'vitest';
import { createMemoryCacheHandler } from './memory-cache.js';

function entry(text: string, fields: Partial<Omit<CacheEntry, 'value'>> = {}): CacheEntry {
  const bytes = new TextEncoder().encode(text);
  return {
    value: new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    }),
    tags: [],
    stale: 0,
    timestamp: 1_000,
    expire: INFINITE_CACHE,
    revalidate: 60,
    ...fields,
  };
}

const text = async (found: CacheEntry | undefined) =>
  found ? new Response(found.value).text() : undefined;

describe('the in-memory cache handler', () => {
  it('keeps entries within its byte bound, evicting the least recently used', async () => {
    const cache = createMemoryCacheHandler({ maxSize: 40_000, now: () => 1_000 });
    for (let i = 0; i < 20; i++)
      await cache.set(`k${String(i)}`, Promise.resolve(entry('x'.repeat(2048))));
    expect(cache.calculatedSize).toBeLessThanOrEqual(40_000);
    expect(cache.size).toBeGreaterThan(1);
    expect(cache.size).toBeLessThan(20);
    expect(await cache.get('k0', [])).toBeUndefined();
    expect(await text(await cache.get('k19', []))).toBe('x'.repeat(2048));
  });

  it('keeps nothing with a bound of 0', async () => {
    const cache = createMemoryCacheHandler({ maxSize: 0 });
    await cache.set('k', Promise.resolve(entry('v')));
    expect(await cache.get('k', [])).toBeUndefined();
  });

  it('answers an expired tag (or soft tag) with nothing and a stale one with revalidate -1', async () => {
    let now = 1_000;
    const cache = createMemoryCacheHandler({ now: () => now });
    await cache.set('a', Promise.resolve(entry('a', { tags: ['t'] })));
    await cache.set('b', Promise.resolve(entry('b')));
    now = 2_000;
    await cache.updateTags(['t'], { expire: 10 });
    expect((await cache.get('a', []))?.revalidate).toBe(-1);
    now = 12_001;
    expect(await cache.get('a', [])).toBeUndefined();
    await cache.updateTags(['_N_T_/b']);
    expect(await cache.get('b', ['_N_T_/b'])).toBeUndefined();
    expect(await text(await cache.get('b', []))).toBe('b');
  });

  it('peek answers what get answers, synchronously, and null while the key is being stored', async () => {
    let now = 1_000;
    const cache = createMemoryCacheHandler({ now: () => now });
    expect(cache.peek('a', [])).toBeUndefined();
    let finish!: (value: CacheEntry) => void;
    const storing = cache.set('a', new Promise<CacheEntry>((resolve) => (finish = resolve)));
    expect(cache.peek('a', [])).toBeNull();
    finish(entry('a', { tags: ['t'] }));
    await storing;
    await cache.set('b', Promise.resolve(entry('b')));
    const check = async (key: string, softTags: string[]) => {
      const got = await cache.get(key, softTags);
      const peeked = cache.peek(key, softTags);
      if (!got) {
        expect(peeked).toBeUndefined();
        return;
      }
      const { value, ...meta } = got;
      expect(peeked?.meta).toEqual(meta);
      expect(new TextDecoder().decode(peeked?.bytes)).toBe(await new Response(value).text());
      // The same record for as long as the entry is held.
      expect(cache.peek(key, softTags)?.record).toBe(peeked?.record);
    };
    await check('a', []);
    now = 2_000;
    await cache.updateTags(['t'], { expire: 10 });
    await check('a', []);
    expect(cache.peek('a', [])?.meta.revalidate).toBe(-1);
    now = 12_001;
    await check('a', []);
    await cache.updateTags(['_N_T_/b']);
    await check('b', ['_N_T_/b']);
    await check('b', []);
  });

  it('keeps an entry produced after a revalidation', async () => {
    let now = 1_000;
    const cache = createMemoryCacheHandler({ now: () => now });
    await cache.updateTags(['t']);
    now = 1_001;
    await cache.set('a', Promise.resolve(entry('a', { tags: ['t'], timestamp: 1_001 })));
    expect(await text(await cache.get('a', []))).toBe('a');
  });

  it('makes a get wait for a set of the same key still being produced', async () => {
    const cache = createMemoryCacheHandler();
    let finish!: (value: CacheEntry) => void;
    const storing = cache.set('k', new Promise<CacheEntry>((resolve) => (finish = resolve)));
    const reading = cache.get('k', []);
    finish(entry('late', { timestamp: Date.now() }));
    await storing;
    expect(await text(await reading)).toBe('late');
  });

  it('hands out a copy: an entry read stays intact after the entry is evicted', async () => {
    const cache = createMemoryCacheHandler({ maxSize: 14_000, now: () => 1_000 });
    await cache.set('a', Promise.resolve(entry('a'.repeat(1000))));
    const read = await cache.get('a', []);
    for (let i = 0; i < 5; i++)
      await cache.set(`b${String(i)}`, Promise.resolve(entry('b'.repeat(1000))));
    expect(await cache.get('a', [])).toBeUndefined();
    expect(await text(read)).toBe('a'.repeat(1000));
  });
});
