import { rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useFixtures, runCli, startCli } from './test-utils.js';

const fixture = useFixtures();

describe('approute start', () => {
  it('serves the build output: a TypeScript route importing next/server, and a route in a (group)', async () => {
    const dir = await fixture('hello');
    expect((await runCli(['build', '.'], dir)).code).toBe(0);
    const app = await startCli(['start', '.', '--port', '0'], dir);
    try {
      expect(app.output()).not.toContain('building');
      const res = await request(`${app.url}/hello`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(await res.body.json()).toEqual({ message: 'Hello World' });
      const grouped = await request(`${app.url}/grouped`, { method: 'POST' });
      expect(await grouped.body.text()).toBe('grouped');
    } finally {
      expect(await app.stop()).toBe(0);
    }
  });

  it('builds first when there is no build or a source changed since', async () => {
    const dir = await fixture('hello');
    let app = await startCli(['start', '.', '--port', '0'], dir);
    await app.stop();
    expect(app.output()).toContain('approute start: no build in');
    await writeFile(
      join(dir, 'app', 'hello', 'route.ts'),
      "export const GET = () => Response.json({ message: 'changed' });\n",
    );
    app = await startCli(['start', '.', '--port', '0'], dir);
    try {
      expect(app.output()).toMatch(/approute start: the build in .* is not up to date, building/);
      expect(await (await request(`${app.url}/hello`)).body.json()).toEqual({ message: 'changed' });
    } finally {
      await app.stop();
    }
  });

  it('serves a build that has no sources beside it, as a deployment holds it', async () => {
    const dir = await fixture('hello');
    expect((await runCli(['build', '.', '--base-path', '/b'], dir)).code).toBe(0);
    await rm(join(dir, 'app'), { recursive: true });
    const app = await startCli(['start', '.', '--port', '0'], dir);
    try {
      expect(app.output()).toContain('(no app folder to compare it with)');
      const res = await request(`${app.url}/b/hello`);
      expect(await res.body.json()).toEqual({ message: 'Hello World' });
    } finally {
      await app.stop();
    }
    const refused = await runCli(['start', '.', '--port', '0', '--trailing-slash'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('was made with base path /b and trailingSlash off');
  });

  it('builds again when the router options asked for differ from the build', async () => {
    const dir = await fixture('hello');
    expect((await runCli(['build', '.'], dir)).code).toBe(0);
    const app = await startCli(['start', '.', '--port', '0', '--base-path', '/docs'], dir);
    try {
      expect(app.output()).toMatch(/is not up to date, building/);
      expect((await request(`${app.url}/docs/hello`)).statusCode).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('on SIGTERM lets an in-flight request finish, then exits with code 0', async () => {
    const dir = await fixture('slow');
    const app = await startCli(['start', '.', '--port', '0'], dir);
    const pending = request(`${app.url}/slow?ms=400`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exited = app.stop();
    const res = await pending;
    expect(await res.body.text()).toBe('slept 400ms');
    expect(await exited).toBe(0);
  });

  it('names a port that is taken and exits 1', async () => {
    const dir = await fixture('hello');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const result = await runCli(['start', '.', '--port', String(port)], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `approute start: Port ${port} is already in use on 127.0.0.1: stop the other server or pick another port with --port.\n`,
      );
    } finally {
      taken.close();
    }
  });

  it('refuses a port that is not a number', async () => {
    const result = await runCli(['start', '.', '--port', 'eighty'], process.cwd());
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'approute start: Invalid port "eighty": give a number from 0 to 65535.\n',
    );
  });
});

describe('approute start, production mode', () => {
  it('serves dynamic routes with awaited params and cookies(), and shows no stack for a throwing handler', async () => {
    const dir = await fixture('full');
    const app = await startCli(['start', '.', '--port', '0'], dir);
    try {
      const res = await request(`${app.url}/dashboard/acme`, { headers: { cookie: 'theme=dark' } });
      expect(await res.body.json()).toEqual({
        team: 'acme',
        theme: 'dark',
        path: '/dashboard/acme',
      });
      expect(res.headers['set-cookie']).toBe('last-team=acme; Path=/');
      const thrown = await request(`${app.url}/throw`);
      expect(thrown.statusCode).toBe(500);
      expect(await thrown.body.text()).toBe('');
      // The error is logged on the server, where it belongs (the log may reach this process
      // after the answer: they come through different pipes).
      await expect.poll(app.output, { timeout: 5_000 }).toContain('handler exploded');
    } finally {
      await app.stop();
    }
  });

  it('with --trailing-slash redirects /x to /x/ and serves it there', async () => {
    const dir = await fixture('full');
    const app = await startCli(['start', '.', '--port', '0', '--trailing-slash'], dir);
    try {
      const bare = await request(`${app.url}/dashboard/x`);
      await bare.body.dump();
      expect(bare.statusCode).toBe(308);
      expect(bare.headers.location).toBe('/dashboard/x/');
      expect(await (await request(`${app.url}/dashboard/x/`)).body.json()).toMatchObject({
        team: 'x',
      });
    } finally {
      await app.stop();
    }
  });

  it('serves under --base-path only', async () => {
    const dir = await fixture('full');
    const app = await startCli(['start', '.', '--port', '0', '--base-path', '/base'], dir);
    try {
      const res = await request(`${app.url}/base/dashboard/x`);
      expect(await res.body.json()).toMatchObject({ team: 'x', path: '/dashboard/x' });
      const outside = await request(`${app.url}/dashboard/x`);
      await outside.body.dump();
      expect(outside.statusCode).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
