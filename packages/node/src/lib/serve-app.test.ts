import { connect } from 'node:net';
import { after } from '@approute/request/server';
import { cookies } from '@approute/request/headers';
import {
  createManifest,
  createRouter,
  type RouteModule,
  type RouterOptions,
} from '@approute/router';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from './serve.js';
import { sleep } from './test-utils.js';

// The router and the adapter together: the router's own tests call router.fetch directly.
const manifest = createManifest(['hello/route.ts', 'dashboard/[team]/route.ts']);
const events: string[] = [];
const modules: Record<string, RouteModule> = {
  'app/hello/route.ts': {
    GET: () => {
      after(() => events.push('after'));
      events.push('handler');
      return Response.json({ message: 'Hello World' });
    },
  },
  'app/dashboard/[team]/route.ts': {
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

function start(options: Partial<RouterOptions> = {}): Promise<RunningServer> {
  const router = createRouter(manifest, {
    load: (route) => Promise.resolve(modules[route.file] ?? {}),
    ...options,
  });
  return serve({ fetch: router.fetch, port: 0, handleSignals: false });
}

describe('serve({ fetch: router.fetch })', () => {
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
    running = await start({ basePath: '/base' });
    expect((await request(`${running.url}/base/hello`)).statusCode).toBe(200);
    const outside = await request(`${running.url}/hello`);
    await outside.body.dump();
    expect(outside.statusCode).toBe(404);
  });

  it('with trailingSlash, redirects to the path with a slash and serves it there', async () => {
    running = await start({ trailingSlash: true });
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

describe('serve({ fetch: router.fetch }), raw request targets', () => {
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
