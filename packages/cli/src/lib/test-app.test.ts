// createTestApp against the built package, loaded by Node as a user's test loads it (see
// vitest.config.ts): the real router in-process, cookies, after(), the static cache.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as TestModule from '../test.js';
import type { TestApp } from '../test.js';
import { useFixtures } from './test-utils.js';

const { createTestApp } = (await import(
  new URL('../../dist/test.js', import.meta.url).href
)) as typeof TestModule;

const fixture = useFixtures();
let dir: string;
let app: TestApp;
const logged: string[] = [];

beforeAll(async () => {
  dir = await fixture('testing');
  app = await createTestApp(dir, {
    logger: { error: (message) => logged.push(message), warn: (message) => logged.push(message) },
  });
}, 60_000);
afterAll(() => app.close());

describe('createTestApp', () => {
  it('answers through the real router: 404, 405 with Allow, params of the matched route', async () => {
    expect((await app.request('/nowhere')).status).toBe(404);
    const put = await app.request('/session', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS, POST');
    expect(await (await app.fetch('http://localhost:3000/alias?name=ada')).text()).toBe(
      'Hello, ada!',
    );
  });

  it('keeps the cookies an answer sets, sends them back, and forgets deleted ones', async () => {
    const signIn = await app.request('/session', { method: 'POST', body: '{"user":"ada"}' });
    expect(signIn.headers.get('set-cookie')).toBe('session=ada; Path=/; HttpOnly');
    expect(app.cookies.get('session')).toBe('ada');
    expect(await (await app.request('/session')).json()).toEqual({ user: 'ada' });
    // A request with its own Cookie field sends that one.
    const other = await app.request('/session', { headers: { cookie: 'session=grace' } });
    expect(await other.json()).toEqual({ user: 'grace' });
    expect((await app.request('/session', { method: 'DELETE' })).status).toBe(204);
    expect(app.cookies.get('session')).toBeUndefined();
    expect(await (await app.request('/session')).json()).toEqual({ user: null });
    app.cookies.set('session=lin; Path=/');
    expect(await (await app.request('/session')).json()).toEqual({ user: 'lin' });
    app.cookies.clear();
  });

  it('runs after() once the answer is sent, and flush() waits for it', async () => {
    const res = await app.request('/audit', { method: 'POST', body: '{"event":"signed-in"}' });
    expect(res.status).toBe(202);
    // The body is not read: a server sends it anyway, and after() starts then.
    expect(await (await app.request('/audit')).json()).toEqual([]);
    await app.flush();
    expect(await (await app.request('/audit')).json()).toEqual(['signed-in']);
  });

  it('serves a force-static GET from the static cache until revalidatePath', async () => {
    const first = (await (await app.request('/stamp')).json()) as { produced: number };
    expect(await (await app.request('/stamp')).json()).toEqual(first);
    await app.revalidatePath('/stamp');
    const after = (await (await app.request('/stamp')).json()) as { produced: number };
    expect(after.produced).toBeGreaterThan(first.produced);
  });

  it('streams a body as it is produced', async () => {
    const started = performance.now();
    const res = await app.request('/feed');
    const arrivals: number[] = [];
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of res.body ?? []) {
      arrivals.push(performance.now() - started);
      text += decoder.decode(chunk, { stream: true });
    }
    expect(text).toBe('tick 1\ntick 2\ntick 3\n');
    expect(arrivals.length).toBeGreaterThanOrEqual(3);
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(80);
  });

  it('answers a redirect without following it', async () => {
    const res = await app.request('/go');
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('/session');
  });

  it('logs a handler error with a stack into the route file; dev: true shows it in the body', async () => {
    const res = await app.request('/fail');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
    expect(logged.join('\n')).toContain("Route handler 'app/fail/route.ts' failed");
    const dev = await createTestApp(dir, {
      dev: true,
      logger: { error: () => undefined, warn: () => undefined },
    });
    try {
      const body = await (await dev.request('/fail')).text();
      expect(body).toMatch(
        /^Error: the database is down\n\s+at GET \(.*\/app\/fail\/route\.ts:2:9\)/,
      );
    } finally {
      await dev.close();
    }
  });

  it('builds inside the project and removes the build on close', async () => {
    const builds = async () =>
      (await readdir(join(dir, '.approute'))).filter((name) => name.startsWith('test-'));
    const extra = await createTestApp(dir);
    expect((await builds()).length).toBe(2);
    await extra.close();
    expect((await builds()).length).toBe(1);
  });
});

describe('a user project tested with approute/vitest and approute/test', () => {
  it('passes its own vitest run: next/* and @/ paths in the test file, createTestApp', async () => {
    const project = await fixture('testing');
    const packageDir = fileURLToPath(new URL('../..', import.meta.url));
    const vitest = dirname(createRequire(import.meta.url).resolve('vitest/package.json'));
    await mkdir(join(project, 'node_modules'));
    await symlink(packageDir, join(project, 'node_modules', 'approute'), 'dir');
    await symlink(vitest, join(project, 'node_modules', 'vitest'), 'dir');
    const result = spawnSync(
      process.execPath,
      [join(vitest, 'vitest.mjs'), 'run', '--root', project],
      { cwd: project, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } },
    );
    expect(result.stdout + result.stderr).toMatch(/Tests\s+2 passed \(2\)/);
    expect(result.status).toBe(0);
  }, 60_000);
});
