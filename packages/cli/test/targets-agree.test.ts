// The same app built once for both targets answers the same on each: router options (base path,
// trailing slash) and the static answers produced at build travel with the build, not with
// whoever starts it. Node: `approute start`; web: the bundle under Bun.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runtimes, type RuntimeServer } from '@approute/runtimes';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, useFixtures, type Running } from '../src/lib/test-utils.js';

const fixture = useFixtures();
let dir: string;
let node: Running;
let web: RuntimeServer;

beforeAll(async () => {
  dir = await fixture('agree');
  const built = await runCli(
    ['build', '.', '--target', 'web', '--base-path', '/b', '--trailing-slash'],
    dir,
  );
  expect(built.stderr).toBe('');
  node = await startCli(['start', '.', '--port', '0'], dir);
  web = await runtimes.bun(join(dir, '.approute', 'web', 'index.mjs'));
}, 120_000);

afterAll(async () => {
  await node.stop();
  await web.stop();
});

interface Answer {
  status: number;
  location: string | undefined;
  body: string;
}

async function ask(base: string, path: string): Promise<Answer> {
  const response = await request(`${base}${path}`);
  const location = response.headers.location;
  return {
    status: response.statusCode,
    location: typeof location === 'string' ? location : undefined,
    body: await response.body.text(),
  };
}

const PATHS = [
  '/b/stats/',
  '/b/stats',
  '/stats/',
  '/b/items/42/',
  '/b/items/42?q=1',
  '/b/file.txt',
  '/b/file.txt/',
  '/b/missing/',
];

describe('one build, two targets', () => {
  it.each(PATHS)('%s gets the same answer on Node and on the web bundle', async (path) => {
    const [onNode, onWeb] = await Promise.all([ask(node.url, path), ask(web.url, path)]);
    expect(onWeb).toEqual(onNode);
  });

  it('follows the build options: a slash wanted, under the base path', async () => {
    expect(await ask(node.url, '/b/items/42?q=1')).toMatchObject({
      status: 308,
      location: '/b/items/42/?q=1',
    });
    expect(await ask(node.url, '/b/file.txt/')).toMatchObject({
      status: 308,
      location: '/b/file.txt',
    });
    expect(JSON.parse((await ask(node.url, '/b/items/42/')).body)).toEqual({
      id: '42',
      basePath: '/b',
      pathname: '/items/42/',
    });
    expect((await ask(node.url, '/stats/')).status).toBe(404);
  });

  it('serves the static answer the build produced, on both targets', async () => {
    const {
      entries: [stored],
    } = JSON.parse(await readFile(join(dir, '.approute', 'prerendered.json'), 'utf8')) as {
      entries: { entry: { body: string } }[];
    };
    const built = Buffer.from(stored?.entry.body ?? '', 'base64').toString();
    expect(built).toMatch(/^\{"made":"[0-9a-f-]{36}"\}$/);
    expect((await ask(node.url, '/b/stats/')).body).toBe(built);
    expect((await ask(web.url, '/b/stats/')).body).toBe(built);
  });
});
