import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, useFixtures } from './test-utils.js';

const copyFixture = useFixtures();

const ask = async (url: string) =>
  (await request(`${url}/items/7`, { headers: { cookie: 'a=1' } })).body.json();

describe('the Next.js 15 compatibility switch', () => {
  it("package.json's approute.compat serves params and cookies() without await", async () => {
    const dir = await copyFixture('next15');
    const server = await startCli(['start', '.', '--port', '0'], dir);
    try {
      expect(await ask(server.url)).toEqual({ id: '7', a: '1' });
    } finally {
      await server.stop();
    }
  });

  it("logs Next.js 15's warning for each synchronous use in dev", async () => {
    const dir = await copyFixture('next15');
    const server = await startCli(['dev', '.', '--port', '0'], dir);
    try {
      expect(await ask(server.url)).toEqual({ id: '7', a: '1' });
      await expect
        .poll(server.output)
        .toContain(
          'Route "/items/[id]" used `params.id`. `params` should be awaited before using its properties. Learn more: https://nextjs.org/docs/messages/sync-dynamic-apis',
        );
      expect(server.output()).toContain(
        'Route "/items/[id]" used `cookies().get(\'a\')`. `cookies()` should be awaited before using its value.',
      );
    } finally {
      await server.stop();
    }
  });

  it('without the key or the flag, the project gets Next.js 16 (params.id undefined)', async () => {
    const dir = await copyFixture('next15');
    await writeFile(join(dir, 'package.json'), '{"name":"x","private":true}');
    const server = await startCli(['start', '.', '--port', '0'], dir);
    try {
      expect(await ask(server.url)).toEqual({ id: null, a: 'no sync access' });
    } finally {
      await server.stop();
    }
  });

  it('--compat next15 switches a project without the key, and a build made without it is rebuilt', async () => {
    const dir = await copyFixture('next15');
    await writeFile(join(dir, 'package.json'), '{"name":"x","private":true}');
    expect((await runCli(['build', '.'], dir)).code).toBe(0);
    const server = await startCli(['start', '.', '--port', '0', '--compat', 'next15'], dir);
    try {
      expect(await ask(server.url)).toEqual({ id: '7', a: '1' });
    } finally {
      await server.stop();
    }
  });

  it('refuses an unknown mode, naming where it came from', async () => {
    const dir = await copyFixture('next15');
    const flag = await runCli(['build', '.', '--compat', 'next14'], dir);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('Invalid compat mode "next14" given to --compat');
    await writeFile(join(dir, 'package.json'), '{"approute":{"compat":true}}');
    const key = await runCli(['build', '.'], dir);
    expect(key.code).toBe(1);
    expect(key.stderr).toContain(`Invalid compat mode true in ${join(dir, 'package.json')}`);
  });
});

describe('next/og', () => {
  it('builds a .js route with JSX and answers its PNG', async () => {
    const dir = await copyFixture('next-og');
    // The compiled route imports react/jsx-runtime, as in any Next.js project.
    await mkdir(join(dir, 'node_modules'));
    const react = dirname(createRequire(import.meta.url).resolve('react/package.json'));
    await symlink(react, join(dir, 'node_modules', 'react'), 'dir');
    const server = await startCli(['start', '.', '--port', '0'], dir);
    try {
      const response = await request(`${server.url}/og`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      const png = new Uint8Array(await response.body.arrayBuffer());
      expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
      const view = new DataView(png.buffer, png.byteOffset);
      expect([view.getUint32(16), view.getUint32(20)]).toEqual([80, 40]);
    } finally {
      await server.stop();
    }
  });
});
