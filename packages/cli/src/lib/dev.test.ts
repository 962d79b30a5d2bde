import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, startCli, waitFor, type Running } from './test-utils.js';

let dir: string;
let app: Running;
beforeAll(async () => {
  dir = await copyFixture('hello');
  app = await startCli(['dev', '.', '--port', '0'], dir);
});
afterAll(async () => {
  await app.stop();
  await rm(dir, { recursive: true, force: true });
});

async function text(path: string, method = 'GET'): Promise<string> {
  const res = await request(`${app.url}${path}`, { method });
  return res.body.text();
}

describe('approute dev', () => {
  it('prints one line per request: method, path, status and time', async () => {
    await text('/hello?x=1');
    await text('/missing');
    await waitFor(() => /GET \/missing 404 in \d+ms\n/.test(app.output()));
    expect(app.output()).toMatch(/\nGET \/hello\?x=1 200 in \d+ms\n/);
  });

  it('serves a saved change within a few hundred milliseconds', async () => {
    await writeFile(
      join(dir, 'app', 'hello', 'route.ts'),
      "export const GET = () => Response.json({ message: 'saved' });\n",
    );
    const saved = Date.now();
    await waitFor(async () => (await text('/hello')) === '{"message":"saved"}', 2_000);
    expect(Date.now() - saved).toBeLessThan(1_000);
  });

  it('picks up an added route', async () => {
    await mkdir(join(dir, 'app', 'added'), { recursive: true });
    await writeFile(
      join(dir, 'app', 'added', 'route.ts'),
      "export const PUT = () => new Response('added');\n",
    );
    await waitFor(async () => (await text('/added', 'PUT')) === 'added', 2_000);
  });

  it('a route that fails to compile answers its error with a code frame; the others keep working', async () => {
    const file = join(dir, 'app', 'hello', 'route.ts');
    await writeFile(file, "import { x } from './x';\nexport const GET = (\n");
    await waitFor(async () => (await text('/hello')).includes('Unexpected end of file'), 2_000);
    const res = await request(`${app.url}/hello`);
    expect(res.statusCode).toBe(500);
    const body = await res.body.text();
    // The path is relative to the folder dev runs in, the line and column count from 1.
    expect(body).toMatch(
      /^Failed to compile \(1 error\):\n\napp\/hello\/route\.ts:3:1: Unexpected end of file\n/,
    );
    expect(body).toContain('> 3 |');
    expect(body).not.toMatch(/\n\s+at /);
    // The log comes through another pipe than the answer, and may come after it.
    await expect
      .poll(app.output, { timeout: 5_000 })
      .toContain('app/hello/route.ts:3:1: Unexpected end of file');
    await expect
      .poll(app.output, { timeout: 5_000 })
      .toMatch(/app\/hello\/route\.ts changed: recompiled 1 route in \d+ms, 1 with errors\n/);
    // Every other route, and the 404 of an unknown path, are untouched.
    expect(await text('/grouped', 'POST')).toBe('grouped');
    expect((await request(`${app.url}/nowhere`)).statusCode).toBe(404);
    await writeFile(file, "export const GET = () => new Response('fixed');\n");
    await waitFor(async () => (await text('/hello')) === 'fixed', 2_000);
  });
});

describe('approute dev, errors', () => {
  it('shows a handler error with its stack in the response body', async () => {
    const full = await copyFixture('full');
    const devApp = await startCli(['dev', '.', '--port', '0'], full);
    try {
      const res = await request(`${devApp.url}/throw`);
      expect(res.statusCode).toBe(500);
      const body = await res.body.text();
      expect(body).toContain('handler exploded');
      expect(body).toMatch(/\n\s+at /);
    } finally {
      await devApp.stop();
      await rm(full, { recursive: true, force: true });
    }
  });
});

describe("approute dev, 'use cache'", () => {
  const route = [
    "import { cacheTag } from 'next/cache';",
    '',
    'async function stamp(key: string) {',
    "  'use cache';",
    '  cacheTag(`stamp-${key}`);',
    '  return { key, at: Math.random() };',
    '}',
    '',
    "export const GET = async () => Response.json(await stamp('a'));",
    '',
  ].join('\n');

  it('compiles it with --cache-components and answers the cached result again', async () => {
    const project = await copyFixture('hello');
    await mkdir(join(project, 'app', 'stamp'), { recursive: true });
    await writeFile(join(project, 'app', 'stamp', 'route.ts'), route);
    const devApp = await startCli(['dev', '.', '--port', '0', '--cache-components'], project);
    try {
      const first = await (await request(`${devApp.url}/stamp`)).body.json();
      const second = await (await request(`${devApp.url}/stamp`)).body.json();
      expect(first).toMatchObject({ key: 'a' });
      expect(second).toEqual(first);
    } finally {
      await devApp.stop();
      await rm(project, { recursive: true, force: true });
    }
  });

  it('without --cache-components, answers the build error that says to turn it on', async () => {
    const project = await copyFixture('hello');
    await mkdir(join(project, 'app', 'stamp'), { recursive: true });
    await writeFile(join(project, 'app', 'stamp', 'route.ts'), route);
    const devApp = await startCli(['dev', '.', '--port', '0'], project);
    try {
      const res = await request(`${devApp.url}/stamp`);
      expect(res.statusCode).toBe(500);
      expect(await res.body.text()).toContain('cacheComponents');
      expect((await request(`${devApp.url}/hello`)).statusCode).toBe(200);
    } finally {
      await devApp.stop();
      await rm(project, { recursive: true, force: true });
    }
  });
});
