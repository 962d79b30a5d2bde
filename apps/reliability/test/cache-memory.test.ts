// 100,000 distinct paths of an open-params static route (a 2 KiB answer each, about 200 MiB if
// all were kept): the server's RSS grows by less than the cache bound (cacheMaxMemorySize,
// 50 MB by default, as in Next.js) plus 30 MiB, because the in-memory cache is an LRU bounded by
// bytes; the oldest paths are evicted and produced again, the newest are served from memory.
// RELIABILITY_CACHE_PATHS sets the count (default 100,000).
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from './figures.js';
import { diagnostics, startFixture, type FixtureServer } from './server.js';

const paths = Number(process.env.RELIABILITY_CACHE_PATHS ?? 100_000);
const BOUND_MIB = (50 * 1024 * 1024) / 2 ** 20;
const CONCURRENCY = 32;
const SETTLE_MS = Number(process.env.RELIABILITY_SETTLE_MS ?? 60_000);
let server: FixtureServer;
const agent = new Agent({ connections: CONCURRENCY, pipelining: 1 });

beforeAll(async () => {
  server = await startFixture(
    process.env.RELIABILITY_CACHE_ARGS ? process.env.RELIABILITY_CACHE_ARGS.split(' ') : [],
  );
});
afterAll(async () => {
  await agent.close();
  await server.stop();
});

async function get(path: string): Promise<{ status: number; state: string | undefined }> {
  const response = await request(`${server.url}${path}`, { dispatcher: agent });
  await response.body.dump();
  const state = response.headers['x-nextjs-cache'];
  return { status: response.statusCode, state: typeof state === 'string' ? state : undefined };
}

async function settledRss(): Promise<number> {
  // /diagnostics POST runs a full GC (the server runs with --expose-gc) and resets the peak.
  await request(`${server.url}/diagnostics`, { method: 'POST' }).then((r) => r.body.dump());
  const found = await diagnostics(server);
  const mib = (n: number) => Math.round(n / 2 ** 20);
  console.log(
    `[memory] rss ${String(mib(found.rss))} MiB, heap ${String(mib(found.heapUsed))}/${String(mib(found.heapTotal))} MiB, external ${String(mib(found.external))} MiB (array buffers ${String(mib(found.arrayBuffers))})`,
  );
  return found.rss;
}

async function settledAfterLoad(): Promise<number> {
  let lowest = await settledRss();
  const deadline = Date.now() + SETTLE_MS;
  let steady = 0;
  while (Date.now() < deadline && steady < 3) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const rss = await settledRss();
    steady = rss < lowest - 2 ** 20 ? 0 : steady + 1;
    lowest = Math.min(lowest, rss);
  }
  return lowest;
}

describe(`${String(paths)} distinct paths of a force-static [key] route`, () => {
  it('keep RSS growth under the cache bound plus 30 MiB', async () => {
    let failures = 0;
    const run = async (count: number, path: (i: number) => string) => {
      let next = 0;
      const worker = async () => {
        while (next < count) {
          const { status } = await get(path(next++));
          if (status !== 200) failures++;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    };
    // Warm up: the same load on the uncached twin route, until V8 has grown its heap to what
    // this load needs; the growth measured after is what the cached entries cost.
    await get('/cached/warm');
    await run(20_000, (i) => `/uncached/w${String(i)}`);
    const base = await settledAfterLoad();
    const started = performance.now();
    await run(paths, (i) => `/cached/k${String(i)}`);
    const seconds = (performance.now() - started) / 1000;
    const peak = (await diagnostics(server)).peakRss;
    // Once the load stops, V8's memory reducer gives back heap it grew for the load, in steps:
    // RSS is read (after a full GC) every 5 s for up to a minute, until it stops falling.
    const after = await settledAfterLoad();
    const growth = (after - base) / 2 ** 20;
    const peakGrowth = (peak - base) / 2 ** 20;
    const newest = await get(`/cached/k${String(paths - 1)}`);
    const oldest = await get('/cached/k0');
    record('cache-memory', {
      paths,
      seconds: Math.round(seconds * 10) / 10,
      boundMiB: Math.round(BOUND_MIB * 10) / 10,
      rssGrowthMiB: Math.round(growth * 10) / 10,
      peakRssGrowthMiB: Math.round(peakGrowth * 10) / 10,
      newest: newest.state,
      oldest: oldest.state,
    });
    expect(failures).toBe(0);
    expect(newest.state).toBe('HIT');
    expect(oldest.state).toBe('MISS');
    expect(growth).toBeLessThan(BOUND_MIB + 30);
  }, 600_000);
});
