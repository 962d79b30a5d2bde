// The same demo, built for the Web target and served by Bun (`pnpm start:bun`).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, bun, demoDir, startDemo, type DemoServer } from './server.js';

let server: DemoServer;
let url: string;
let dataDir: string;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [bin, 'build', '.', '--target', 'web'], {
    cwd: demoDir,
  });
  dataDir = await mkdtemp(join(tmpdir(), 'approute-demo-bun-'));
  server = await startDemo(['serve-bun.mjs'], dataDir, bun);
  url = server.url;
}, 120_000);

afterAll(async () => {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});
describe('the demo on Bun (Web target)', () => {
  it('serves the page and the params table routes', async () => {
    expect((await request(`${url}/`)).headers['content-type']).toBe('text/html; charset=utf-8');
    expect(await (await request(`${url}/dashboard/2`)).body.json()).toEqual({
      id: '2',
      name: 'Payments',
      members: 3,
    });
    expect(await (await request(`${url}/blog/2026/hello`)).body.json()).toMatchObject({
      params: { slug: ['2026', 'hello'] },
    });
  });

  it('sets the preference cookie with cookies() and reads it back', async () => {
    const res = await request(`${url}/preferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"theme":"dark"}',
    });
    expect(String(res.headers['set-cookie'])).toMatch(/^theme=dark; Path=\//);
    await res.body.dump();
    expect(
      await (
        await request(`${url}/preferences`, { headers: { cookie: 'theme=dark' } })
      ).body.json(),
    ).toEqual({ theme: 'dark' });
  });

  it('stores a team through the JSON API and answers 405 with Allow', async () => {
    const created = await request(`${url}/api/teams`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Bun team","members":5}',
    });
    expect(created.statusCode).toBe(201);
    expect(await (await request(`${url}/dashboard/3`)).body.json()).toEqual({
      id: '3',
      name: 'Bun team',
      members: 5,
    });
    const denied = await request(`${url}/api/teams`, { method: 'DELETE' });
    await denied.body.dump();
    expect(denied.statusCode).toBe(405);
    expect(denied.headers.allow).toBe('GET, HEAD, OPTIONS, POST');
  });

  it('streams the feed and serves the force-static stats identically', async () => {
    const feed = await (await request(`${url}/feed?count=3&interval=20`)).body.text();
    expect(feed.match(/event: tick/g)).toHaveLength(3);
    const first = await (await request(`${url}/stats`)).body.text();
    expect(await (await request(`${url}/stats`)).body.text()).toBe(first);
  });

  it('runs proxy.ts: 401 without a session, the user with one', async () => {
    const denied = await request(`${url}/api/private/me`);
    await denied.body.dump();
    expect(denied.statusCode).toBe(401);
    const signedIn = await request(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Bun"}',
    });
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0] ?? '';
    await signedIn.body.dump();
    const me = await request(`${url}/api/private/me`, { headers: { cookie } });
    expect(await me.body.json()).toEqual({ user: 'Bun', signedIn: true });
  });
});
