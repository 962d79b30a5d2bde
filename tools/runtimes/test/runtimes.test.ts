import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_NAMES, runtimes, runtimeUnavailable, type RuntimeServer } from '../src/index.ts';
import { groupAlive } from '../src/lib/process-group.ts';

const bundle = fileURLToPath(new URL('./fixtures/echo.mjs', import.meta.url));

describe.each(RUNTIME_NAMES)('%s', (name) => {
  let server: RuntimeServer;

  beforeAll(async () => {
    server = await runtimes[name](bundle);
  }, 60_000);

  afterAll(async () => {
    await server.stop();
  });

  it('serves the module on a loopback port and keeps AsyncLocalStorage across awaits', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await request(`${server.url}/a/b?id=7`);
    expect(response.statusCode).toBe(200);
    const body = (await response.body.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ method: 'GET', path: '/a/b', scoped: '7' });
    // Workers and edge-runtime hand a context with waitUntil; Bun and Deno do not.
    expect(body.waitUntil).toBe(name === 'workerd' || name === 'edge-runtime');
  });

  it('streams a body chunk by chunk', async () => {
    const response = await request(`${server.url}/stream`);
    const chunks: string[] = [];
    for await (const chunk of response.body) chunks.push(String(chunk));
    expect(chunks.join('')).toBe('chunk 0\nchunk 1\nchunk 2\n');
  });

  it('stops the whole process group', async () => {
    const { pid } = server;
    expect(groupAlive(pid)).toBe(true);
    await server.stop();
    expect(groupAlive(pid)).toBe(false);
  });
});

describe('runtimeUnavailable', () => {
  it('finds every runtime installed here', () => {
    for (const name of RUNTIME_NAMES) expect(runtimeUnavailable(name)).toBeUndefined();
  });
});
