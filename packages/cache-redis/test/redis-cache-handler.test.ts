import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedisCacheHandler,
  INFINITE_CACHE,
  type CacheEntry,
  type RedisCacheHandler,
  type RedisCacheHandlerOptions,
} from '../src/index.ts';
import { redisServerUnavailable, startRedisServer, type RedisServer } from './redis-server.ts';

// Every test talks to a real redis-server started on a free loopback port.
const unavailable = redisServerUnavailable();
if (unavailable) throw new Error(unavailable);

let server: RedisServer;
let prefixes = 0;
const open: RedisCacheHandler[] = [];

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server.dispose();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((handler) => handler.close()));
});

/** A handler on the test server, with a key prefix of its own and its log lines kept. */
async function handler(
  options: Partial<RedisCacheHandlerOptions> & { prefix?: string } = {},
): Promise<RedisCacheHandler & { logs: string[]; prefix: string }> {
  const logs: string[] = [];
  const prefix = options.prefix ?? `test${prefixes++}:`;
  const created = createRedisCacheHandler({
    url: server.url,
    keyPrefix: prefix,
    retryMs: 200,
    logger: { warn: (message) => logs.push(message) },
    ...options,
  });
  open.push(created);
  await created.ready();
  return Object.assign(created, { logs, prefix });
}

function entry(text: string | Uint8Array, fields: Partial<Omit<CacheEntry, 'value'>> = {}) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return {
    value: new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    }),
    tags: [],
    stale: 300,
    timestamp: performance.timeOrigin + performance.now(), // the clock approute and Next use
    expire: INFINITE_CACHE,
    revalidate: 900,
    ...fields,
  } satisfies CacheEntry;
}

async function text(found: CacheEntry | undefined): Promise<string | undefined> {
  return found ? new Response(found.value).text() : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(20);
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('entries', () => {
  it('stores an entry and returns its bytes, metadata and a new stream on every get', async () => {
    const cache = await handler();
    const bytes = new Uint8Array([0, 255, 10, 13, 128]);
    await cache.set('k', Promise.resolve(entry(bytes, { tags: ['a', 'b'], revalidate: 60 })));
    const first = await cache.get('k', []);
    const second = await cache.get('k', []);
    expect(first).toMatchObject({ tags: ['a', 'b'], revalidate: 60, expire: INFINITE_CACHE });
    expect(new Uint8Array(await new Response(first?.value).arrayBuffer())).toEqual(bytes);
    expect(new Uint8Array(await new Response(second?.value).arrayBuffer())).toEqual(bytes);
    expect(await cache.get('missing', [])).toBeUndefined();
  });

  it('calls made before the first connection is up wait for it instead of missing', async () => {
    const cache = createRedisCacheHandler({ url: server.url, keyPrefix: `early${prefixes++}:` });
    open.push(cache);
    expect(cache.state).toBe('connecting');
    await cache.set('k', Promise.resolve(entry('early')));
    expect(await text(await cache.get('k', []))).toBe('early');
  });

  it('a get waits for a set of the same key that is still producing', async () => {
    const cache = await handler();
    const produced = sleep(150).then(() => entry('late'));
    const storing = cache.set('k', produced);
    expect(await text(await cache.get('k', []))).toBe('late');
    await storing;
  });

  it('keeps nothing when the producer rejects or its stream breaks off, and does not throw', async () => {
    const cache = await handler();
    await cache.set('rejected', Promise.reject(new Error('handler failed')));
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1]));
        controller.error(new Error('broke off'));
      },
    });
    await cache.set('broken', Promise.resolve({ ...entry(''), value: broken }));
    expect(await cache.get('rejected', [])).toBeUndefined();
    expect(await cache.get('broken', [])).toBeUndefined();
  });

  it('Redis drops an entry after expire; expire 0 is never stored', async () => {
    const cache = await handler();
    const redis = new Redis(server.url);
    try {
      await cache.set('short', Promise.resolve(entry('x', { expire: 1, revalidate: 1 })));
      await cache.set('forever', Promise.resolve(entry('y')));
      await cache.set('dynamic', Promise.resolve(entry('z', { expire: 0 })));
      const ttl = await redis.pttl(`${cache.prefix}e:short`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(1_000);
      expect(await redis.pttl(`${cache.prefix}e:forever`)).toBe(-1);
      expect(await redis.exists(`${cache.prefix}e:dynamic`)).toBe(0);
      await sleep(1_100);
      expect(await cache.get('short', [])).toBeUndefined();
      expect(await text(await cache.get('forever', []))).toBe('y');
    } finally {
      redis.disconnect();
    }
  });
});

describe('tags', () => {
  it("a revalidation with a profile ('max') serves the entry stale; a newer entry is fresh", async () => {
    const cache = await handler();
    await cache.set(
      'k',
      Promise.resolve(entry('old', { tags: ['a'], timestamp: Date.now() - 10 })),
    );
    await cache.updateTags(['a'], { expire: 31_536_000 });
    const stale = await cache.get('k', []);
    expect(await text(stale)).toBe('old');
    expect(stale?.revalidate).toBe(-1);
    await sleep(2);
    await cache.set('k', Promise.resolve(entry('new', { tags: ['a'] })));
    const fresh = await cache.get('k', []);
    expect(await text(fresh)).toBe('new');
    expect(fresh?.revalidate).toBe(900);
  });

  it('a revalidation without durations expires the entries of the tag and deletes them from Redis', async () => {
    const cache = await handler();
    const redis = new Redis(server.url);
    try {
      const before = Date.now() - 10;
      await cache.set('a1', Promise.resolve(entry('1', { tags: ['a'], timestamp: before })));
      await cache.set('a2', Promise.resolve(entry('2', { tags: ['a', 'b'], timestamp: before })));
      await cache.set('b1', Promise.resolve(entry('3', { tags: ['b'], timestamp: before })));
      await cache.updateTags(['a']);
      expect(await cache.get('a1', [])).toBeUndefined();
      expect(await cache.get('a2', [])).toBeUndefined();
      expect(await text(await cache.get('b1', []))).toBe('3');
      expect(await redis.exists(`${cache.prefix}e:a1`, `${cache.prefix}e:a2`)).toBe(0);
      expect(await redis.smembers(`${cache.prefix}t:b`)).toEqual(['b1']);
    } finally {
      redis.disconnect();
    }
  });

  it("a profile's expire: stale first, a miss once the expire time has passed", async () => {
    const cache = await handler();
    await cache.set('k', Promise.resolve(entry('v', { tags: ['a'], timestamp: Date.now() - 10 })));
    await cache.updateTags(['a'], { expire: 1 });
    expect((await cache.get('k', []))?.revalidate).toBe(-1);
    await sleep(1_100);
    expect(await cache.get('k', [])).toBeUndefined();
  });

  it('an expiry that has passed is not undone by a later revalidation with a profile', async () => {
    const cache = await handler();
    await cache.set('k', Promise.resolve(entry('v', { tags: ['a'], timestamp: Date.now() - 10 })));
    await cache.updateTags(['a']);
    await cache.updateTags(['a'], { expire: 3_600 });
    // Stored again by a writer that had not seen the first revalidation: still expired.
    await cache.set(
      'k',
      Promise.resolve(entry('v', { tags: ['a'], timestamp: Date.now() - 60_000 })),
    );
    expect(await cache.get('k', [])).toBeUndefined();
  });

  it('soft tags: a revalidated soft tag of the reading request is a miss; getExpiration reports it', async () => {
    const cache = await handler();
    await cache.set('k', Promise.resolve(entry('v', { timestamp: Date.now() - 10 })));
    expect(await text(await cache.get('k', ['_N_T_/x', '_N_T_/layout']))).toBe('v');
    expect(await cache.getExpiration(['_N_T_/x'])).toBe(0);
    const before = Date.now();
    await cache.updateTags(['_N_T_/x']);
    expect(await cache.get('k', ['_N_T_/x', '_N_T_/layout'])).toBeUndefined();
    expect(await text(await cache.get('k', ['_N_T_/y']))).toBe('v');
    const expiration = await cache.getExpiration(['_N_T_/layout', '_N_T_/x']);
    expect(expiration).toBeGreaterThanOrEqual(before);
    expect(expiration).toBeLessThanOrEqual(Date.now());
  });
});

describe('two instances on one Redis', () => {
  it("see each other's entries and tag revalidations on their next read", async () => {
    const a = await handler({ prefix: 'shared:' });
    const b = await handler({ prefix: 'shared:' });
    await a.set(
      'page',
      Promise.resolve(entry('from a', { tags: ['t'], timestamp: Date.now() - 10 })),
    );
    expect(await text(await b.get('page', []))).toBe('from a');
    await b.updateTags(['t'], { expire: 3_600 });
    expect((await a.get('page', []))?.revalidate).toBe(-1);
    await a.updateTags(['t']);
    expect(await b.get('page', [])).toBeUndefined();
    await b.set('page', Promise.resolve(entry('from b', { tags: ['t'] })));
    expect(await text(await a.get('page', []))).toBe('from b');
  });
});

describe('outages', () => {
  it('Redis stopped: calls answer at once as an empty cache, logged once; revalidations made meanwhile apply when it is back', async () => {
    const cache = await handler();
    const before = Date.now() - 1_000;
    await cache.set('k', Promise.resolve(entry('v', { tags: ['a'] })));
    await server.stop();
    const calls = await timed(async () => {
      const results: unknown[] = [];
      for (let i = 0; i < 20; i++) {
        results.push(await cache.get('k', ['_N_T_/k']));
        await cache.set(`n${i}`, Promise.resolve(entry('n')));
      }
      await cache.updateTags(['a']);
      results.push(await cache.getExpiration(['_N_T_/k']));
      return results;
    });
    expect(calls.value.slice(0, 20)).toEqual(Array(20).fill(undefined));
    expect(calls.value[20]).toBe(Infinity);
    expect(calls.ms).toBeLessThan(1_000); // 41 calls: nothing waited for a timeout
    expect(cache.state).toBe('down');
    expect(cache.logs).toHaveLength(1);
    expect(cache.logs[0]).toMatch(
      /^\[approute\] Redis cache at redis:\/\/127\.0\.0\.1:\d+ is unavailable \(.+\); serving without the shared cache until it is back\.$/,
    );

    await server.restart();
    await until(() => cache.state === 'up');
    expect(cache.logs).toHaveLength(2);
    expect(cache.logs[1]).toMatch(/is back; applied 1 revalidation\(s\) made meanwhile\.$/);
    // An entry older than the revalidation made during the outage is expired by its replay.
    await cache.set('old', Promise.resolve(entry('old', { tags: ['a'], timestamp: before })));
    expect(await cache.get('old', [])).toBeUndefined();
    await cache.set('k', Promise.resolve(entry('again')));
    expect(await text(await cache.get('k', []))).toBe('again');
  });

  it('Redis frozen (accepts, never answers): the first call gives up after the command timeout, the next ones at once; it recovers', async () => {
    const cache = await handler({ commandTimeoutMs: 300 });
    await cache.set('k', Promise.resolve(entry('v')));
    server.pause();
    try {
      const first = await timed(() => cache.get('k', []));
      expect(first.value).toBeUndefined();
      expect(first.ms).toBeGreaterThanOrEqual(250);
      expect(first.ms).toBeLessThan(2_000);
      const next = await timed(async () => {
        for (let i = 0; i < 10; i++) await cache.get('k', []);
        await cache.updateTags(['x']);
      });
      expect(next.ms).toBeLessThan(250);
      expect(cache.logs).toHaveLength(1);
      expect(cache.logs[0]).toMatch(
        /is unavailable \((Command timed out|no answer within 300 ms)\)/,
      );
    } finally {
      server.resume();
    }
    await until(() => cache.state === 'up');
    expect(await text(await cache.get('k', []))).toBe('v');
    expect(cache.logs[1]).toMatch(/is back; applied 1 revalidation\(s\) made meanwhile\.$/);
  });

  it('Redis not running at start: down and logged once, up when it starts', async () => {
    await server.stop();
    const cache = await handler();
    expect(cache.state).toBe('down');
    expect(await cache.get('k', [])).toBeUndefined();
    expect(cache.logs).toHaveLength(1);
    await server.restart();
    await until(() => cache.state === 'up');
    await cache.set('k', Promise.resolve(entry('v')));
    expect(await text(await cache.get('k', []))).toBe('v');
    expect(cache.logs).toHaveLength(2);
  });
});
