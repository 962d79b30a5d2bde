import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, useFixtures, waitFor } from './test-utils.js';

const fixture = useFixtures();

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await request(url, { headers });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: await response.body.text(),
  };
}

describe('approute build with a proxy', () => {
  it('prints the proxy and its matcher after the route table', async () => {
    const dir = await fixture('proxy');
    const result = await runCli(['routes', '.'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Route                       Methods  Revalidate  Expire  File',
        '┌ ƒ /api/private/[...path]  GET                          app/api/private/[...path]/route.ts',
        '├ ƒ /hello                  GET                          app/hello/route.ts',
        '└ ƒ /target/[id]            GET                          app/target/[id]/route.ts',
        '',
        '○  (Static)   prerendered at build',
        'ƒ  (Dynamic)  run on each request',
        '',
        '3 routes',
        '',
        'Proxy  proxy.ts',
        '  matcher  /api/private/:path*',
        '           /hello/:path*',
        '           /target/:id (has header x-flag = on)',
        '',
      ].join('\n'),
    );
  });

  it('compiles the proxy beside the routes and serves it with approute start', async () => {
    const dir = await fixture('proxy');
    expect((await runCli(['build', '.'], dir)).code).toBe(0);
    const routes = await readFile(join(dir, '.approute', 'routes.mjs'), 'utf8');
    expect(routes).toContain('import("./server/proxy.mjs")');
    const app = await startCli(['start', '.', '--port', '0'], dir);
    try {
      expect(await get(`${app.url}/api/private/x`)).toMatchObject({
        status: 401,
        body: '{"error":"unauthorized"}',
      });
      expect(await get(`${app.url}/api/private/x`, { cookie: 'token=t0k' })).toMatchObject({
        status: 200,
        body: '{"user":"t0k"}',
      });
      const hello = await get(`${app.url}/hello`);
      expect([hello.body, hello.headers['x-proxy']]).toEqual(['hello', 'ran']);
      expect((await get(`${app.url}/hello/rewritten`)).body).toBe('{"id":"7"}');
      // has: only with the header does the proxy run for /target/*.
      expect((await get(`${app.url}/target/1`)).headers['x-proxy']).toBeUndefined();
      expect((await get(`${app.url}/target/1`, { 'x-flag': 'on' })).headers['x-proxy']).toBe('ran');
    } finally {
      await app.stop();
    }
  });

  it('sees a proxy added after the build as a reason to build again', async () => {
    const dir = await fixture('hello');
    expect((await runCli(['build', '.'], dir)).code).toBe(0);
    await writeFile(
      join(dir, 'proxy.ts'),
      "export function proxy() { return Response.json({ from: 'proxy' }); }\n",
    );
    const app = await startCli(['start', '.', '--port', '0'], dir);
    try {
      expect(app.output()).toContain('is not up to date, building');
      expect((await get(`${app.url}/hello`)).body).toBe('{"from":"proxy"}');
    } finally {
      await app.stop();
    }
  });

  it('refuses an invalid matcher: the file, the entry and the fix, exit code 1, no stack', async () => {
    const dir = await fixture('proxy');
    await writeFile(
      join(dir, 'proxy.ts'),
      "export function proxy() {}\nexport const config = { matcher: ['/ok', 'about'] };\n",
    );
    const result = await runCli(['build', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'approute build: proxy.ts contains invalid middleware config: source must start with / at "matcher[1]"',
    );
    expect(result.stderr).toContain("Write each matcher as a path starting with '/'");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a proxy file without a proxy function, with Next.js message', async () => {
    const dir = await fixture('proxy');
    await writeFile(join(dir, 'proxy.ts'), 'export function middleware() {}\n');
    const result = await runCli(['build', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Proxy is missing expected function export name');
    expect(result.stderr).toContain('Rename the exported function "middleware" to "proxy"');
  });

  it('refuses proxy.ts beside middleware.ts, with Next.js message', async () => {
    const dir = await fixture('proxy');
    await writeFile(join(dir, 'middleware.ts'), 'export function middleware() {}\n');
    const result = await runCli(['build', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Both middleware file "./middleware.ts" and proxy file "./proxy.ts" are detected.',
    );
  });

  it('runs middleware.ts with Next.js deprecation warning', async () => {
    const dir = await fixture('proxy');
    await writeFile(
      join(dir, 'proxy.ts'),
      "export default function middleware() { return new Response('from middleware'); }\n",
    );
    await rename(join(dir, 'proxy.ts'), join(dir, 'middleware.ts'));
    const result = await runCli(['build', '.'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      '⚠ The "middleware" file convention is deprecated. Please use "proxy" instead.',
    );
    expect(result.stdout).toContain('Proxy  middleware.ts\n  runs for every request');
  });

  it('bundles the proxy into the web bundle', async () => {
    const dir = await fixture('proxy');
    expect((await runCli(['build', '.', '--target', 'web'], dir)).code).toBe(0);
    const bundle = pathToFileURL(join(dir, '.approute', 'web', 'index.mjs')).href;
    const app = (await import(bundle)) as {
      default: { fetch: (request: Request) => Promise<Response> };
    };
    const denied = await app.default.fetch(new Request('http://localhost/api/private/x'));
    expect(denied.status).toBe(401);
    const allowed = await app.default.fetch(
      new Request('http://localhost/api/private/x', { headers: { cookie: 'token=web' } }),
    );
    expect(await allowed.text()).toBe('{"user":"web"}');
  });
});

describe('approute dev with a proxy', { timeout: 60_000 }, () => {
  // The waits are generous: a first import of next/server rebuilds the dependency layer, which
  // takes seconds on a loaded machine.
  it('reloads the proxy on save, and picks up one added or removed', async () => {
    const dir = await fixture('hello');
    const app = await startCli(['dev', '.', '--port', '0'], dir);
    try {
      expect((await get(`${app.url}/hello`)).headers['x-proxy']).toBeUndefined();
      const file = join(dir, 'proxy.ts');
      const proxyOf = (value: string) =>
        `import { NextResponse } from 'next/server';\nexport function proxy() { return NextResponse.next({ headers: { 'x-proxy': '${value}' } }); }\n`;
      await writeFile(file, proxyOf('one'));
      await waitFor(
        async () => (await get(`${app.url}/hello`)).headers['x-proxy'] === 'one',
        15_000,
      );
      await writeFile(file, proxyOf('two'));
      await waitFor(
        async () => (await get(`${app.url}/hello`)).headers['x-proxy'] === 'two',
        15_000,
      );
      await writeFile(file, `${proxyOf('three')}export const config = { matcher: 'nope' };\n`);
      await waitFor(
        async () => (await get(`${app.url}/hello`)).body.includes('source must start with /'),
        15_000,
      );
      await rm(file);
      await waitFor(async () => {
        const hello = await get(`${app.url}/hello`);
        return hello.status === 200 && hello.headers['x-proxy'] === undefined;
      }, 15_000);
    } finally {
      await app.stop();
    }
  });
});
