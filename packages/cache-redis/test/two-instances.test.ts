// Two `approute start` processes of one build against one real redis-server, through this
// package as their cache handler (`--cache-handler ./cache.mjs`): a static answer produced on
// one is served by the other; `revalidateTag` and `revalidatePath` on one are seen by the other
// on its next request; a Redis outage is served without the shared cache (logged once per
// instance), never with a 5xx, and the instances share again once Redis is back.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerUnavailable, startRedisServer, type RedisServer } from './redis-server.ts';

const unavailable = redisServerUnavailable();
if (unavailable) throw new Error(unavailable);

const fixture = fileURLToPath(new URL('fixtures/shared/', import.meta.url));
// The approute CLI this package's tests depend on (its built dist, run as a user runs it).
const bin = fileURLToPath(new URL('../node_modules/approute/bin/approute.js', import.meta.url));

interface Instance {
  name: string;
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function startInstance(name: string, redis: RedisServer, prefix: string): Promise<Instance> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'start', fixture, '--port', '0'], {
    cwd: fixture,
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      INSTANCE: name,
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (!url) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`approute start (${name}) did not get ready:\n${output}`);
    url = /ready on (http:\/\/\S+)/.exec(output)?.[1];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    name,
    url,
    output: () => output,
    async stop() {
      if (child.pid === undefined || child.exitCode !== null) return;
      const exited = once(child, 'exit');
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

interface Answer {
  status: number;
  state: string | undefined;
  body: { key: string; by: string; at: number };
}

async function get(instance: Instance, path: string): Promise<Answer> {
  const response = await request(`${instance.url}${path}`);
  const text = await response.body.text();
  const state = response.headers['x-nextjs-cache'];
  return {
    status: response.statusCode,
    state: typeof state === 'string' ? state : undefined,
    body:
      response.statusCode === 200 ? (JSON.parse(text) as Answer['body']) : ({} as Answer['body']),
  };
}

async function post(instance: Instance, query: string): Promise<number> {
  const response = await request(`${instance.url}/revalidate?${query}`, { method: 'POST' });
  await response.body.dump();
  return response.statusCode;
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

let redis: RedisServer | undefined;
let a: Instance | undefined;
let b: Instance | undefined;

// The instances and the server, once beforeAll made them.
const up = () => {
  if (!redis || !a || !b) throw new Error('the instances did not start');
  return { redis, a, b };
};

beforeAll(async () => {
  redis = await startRedisServer();
  await promisify(execFile)(
    process.execPath,
    [bin, 'build', fixture, '--cache-handler', './cache.mjs'],
    {
      cwd: fixture,
    },
  );
  const prefix = `two-${Date.now().toString(36)}:`;
  // One after the other: both compile the handler module into the same build folder.
  const server = redis;
  a = await startInstance('a', server, prefix);
  b = await startInstance('b', server, prefix);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.dispose();
});

describe('two approute start processes on one Redis', () => {
  it('serves a static answer produced on one instance from the other', async () => {
    const { a, b } = up();
    const first = await get(a, '/stamp/one');
    expect([first.status, first.state, first.body.by]).toEqual([200, 'MISS', 'a']);
    const other = await get(b, '/stamp/one');
    expect([other.status, other.state]).toEqual([200, 'HIT']);
    expect(other.body).toEqual(first.body);
  });

  it('sees a revalidateTag made on the other instance on its next request', async () => {
    const { a, b } = up();
    const first = await get(a, '/tagged/t1');
    expect((await get(b, '/tagged/t1')).body).toEqual(first.body);
    expect(await post(b, 'tag=t-t1')).toBe(200);
    const next = await get(a, '/tagged/t1');
    expect([next.state, next.body.by]).toEqual(['MISS', 'a']);
    expect(next.body.at).not.toBe(first.body.at);
    expect((await get(b, '/tagged/t1')).body).toEqual(next.body);
  });

  it('sees a revalidatePath made on the other instance on its next request', async () => {
    const { a, b } = up();
    const first = await get(b, '/stamp/two');
    expect((await get(a, '/stamp/two')).state).toBe('HIT');
    expect(await post(a, 'path=/stamp/two')).toBe(200);
    const next = await get(b, '/stamp/two');
    expect([next.state, next.body.by]).toEqual(['MISS', 'b']);
    expect(next.body.at).not.toBe(first.body.at);
  });

  it('serves without the shared cache while Redis is down, logs it once, and shares again once it is back', async () => {
    const { redis, a, b } = up();
    await redis.stop();
    const during: Answer[] = [];
    for (let i = 0; i < 10; i++) {
      during.push(await get(a, '/stamp/outage'), await get(b, '/stamp/outage'));
      during.push(await get(a, '/tagged/outage'));
    }
    expect(during.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);
    // Nothing is shared: each instance produces its own answer.
    expect(new Set(during.filter((x) => x.body.key === 'outage').map((x) => x.body.by))).toEqual(
      new Set(['a', 'b']),
    );
    for (const instance of [a, b])
      expect(count(instance.output(), `${redis.url} is unavailable`)).toBe(1);

    await redis.restart();
    const deadline = Date.now() + 15_000;
    let shared = false;
    while (!shared && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const key = `back-${Date.now().toString(36)}`;
      const made = await get(a, `/stamp/${key}`);
      const seen = await get(b, `/stamp/${key}`);
      shared = seen.state === 'HIT' && seen.body.by === made.body.by;
    }
    expect(shared).toBe(true);
    for (const instance of [a, b]) {
      expect(count(instance.output(), `${redis.url} is unavailable`)).toBe(1);
      expect(count(instance.output(), `${redis.url} is back`), instance.output()).toBe(1);
    }
  }, 60_000);
});
