import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from '@approute/request/server';
import { cookies } from '@approute/request/headers';
import type { RouteManifest, RouteModule } from '@approute/router';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from './serve.js';
import { sleep } from './test-utils.js';

const manifest: RouteManifest = {
  version: 1,
  routes: [
    { id: '/hello', pathname: '/hello', file: 'hello/route.ts', params: [] },
    {
      id: '/dashboard/[team]',
      pathname: '/dashboard/:team',
      file: 'dashboard/[team]/route.ts',
      params: [{ name: 'team', kind: 'single' }],
    },
  ],
};
const events: string[] = [];
const modules: Record<string, RouteModule> = {
  'hello/route.ts': {
    GET: () => {
      after(() => events.push('after'));
      events.push('handler');
      return Response.json({ message: 'Hello World' });
    },
  },
  'dashboard/[team]/route.ts': {
    GET: async (_request: Request, context: { params: Promise<{ team: string }> }) => {
      const { team } = await context.params;
      const store = await cookies();
      store.set('seen', team);
      return Response.json({ team, theme: store.get('theme')?.value });
    },
  },
};

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function start(basePath?: string): Promise<RunningServer> {
  return serve({
    manifest,
    load: (route) => Promise.resolve(modules[route.file] ?? {}),
    basePath,
    port: 0,
    handleSignals: false,
  });
}

describe('serve({ manifest })', () => {
  it('routes to the module, with awaited params and cookies() scoped to the request', async () => {
    running = await start();
    const res = await request(`${running.url}/dashboard/a%20b`, {
      headers: { cookie: 'theme=dark' },
    });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ team: 'a b', theme: 'dark' });
    expect(res.headers['set-cookie']).toBe('seen=a%20b; Path=/');
  });

  it('runs after() callbacks once the response was sent', async () => {
    events.length = 0;
    running = await start();
    const res = await request(`${running.url}/hello`);
    expect(await res.body.json()).toEqual({ message: 'Hello World' });
    for (let i = 0; i < 100 && events.length < 2; i++) await sleep(5);
    expect(events).toEqual(['handler', 'after']);
  });

  it('answers under the base path only', async () => {
    running = await start('/base');
    expect((await request(`${running.url}/base/hello`)).statusCode).toBe(200);
    const outside = await request(`${running.url}/hello`);
    await outside.body.dump();
    expect(outside.statusCode).toBe(404);
  });

  it('with trailingSlash, redirects to the path with a slash and serves it there', async () => {
    running = await serve({
      manifest,
      load: (route) => Promise.resolve(modules[route.file] ?? {}),
      trailingSlash: true,
      port: 0,
      handleSignals: false,
    });
    const bare = await request(`${running.url}/hello?x=1`);
    await bare.body.dump();
    expect(bare.statusCode).toBe(308);
    expect(bare.headers.location).toBe('/hello/?x=1');
    expect((await request(`${running.url}/hello/`)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown path and 405 with Allow for an unexported method', async () => {
    running = await start();
    const missing = await request(`${running.url}/nope`);
    await missing.body.dump();
    expect(missing.statusCode).toBe(404);
    const wrong = await request(`${running.url}/hello`, { method: 'DELETE' });
    await wrong.body.dump();
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
});

describe('serve({ manifest }), raw request targets', () => {
  it('redirects a path with a backslash to the canonical path (308)', async () => {
    running = await start();
    const { port } = new URL(running.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET /dashboard\\x?q=1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
      socket.on('close', () => {
        resolve(data);
      });
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 308 /);
    expect(raw).toMatch(/\r\nlocation: \/dashboard\/x\?q=1\r\n/i);
  });
});

describe('serve({ dir })', () => {
  it('names the folder and the fix when there is no build in it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'approute-nobuild-'));
    try {
      await expect(serve({ dir, port: 0, handleSignals: false })).rejects.toThrow(
        `No build in ${dir}: there is no manifest.json. Run \`approute build\` in the project first.`,
      );
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
