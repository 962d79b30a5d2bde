import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '@approute/node';
import { startApp } from './start.js';

const fixture = fileURLToPath(new URL('../../test/fixtures/hello', import.meta.url));
let running: RunningServer;

beforeAll(async () => {
  running = await startApp({ dir: fixture, port: 0, hostname: '127.0.0.1' });
});
afterAll(async () => {
  await running.close();
  await rm(`${fixture}/.approute`, { recursive: true, force: true });
});

describe('startApp', () => {
  it('compiles a TypeScript route that imports next/server and serves it', async () => {
    const res = await request(`${running.url}/hello`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ message: 'Hello World' });
  });

  it('serves a route inside a (group) folder at the path without the group', async () => {
    const res = await request(`${running.url}/grouped`, { method: 'POST' });
    expect(await res.body.text()).toBe('grouped');
  });
});
