import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIDDLEWARE_DEPRECATION, pickProxyFunction, ProxyStartupError } from '@approute/router';
import { findProxyFile } from './proxy-file.js';

let dirs: string[] = [];
async function project(files: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'approute-proxy-'));
  dirs.push(dir);
  for (const file of files) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    if (!file.endsWith('/')) await writeFile(join(dir, file), '');
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

describe('findProxyFile', () => {
  it('finds proxy.ts beside app/', async () => {
    expect(await findProxyFile(await project(['app/route.ts', 'proxy.ts']))).toEqual({
      proxy: { file: 'proxy.ts', kind: 'proxy' },
      ignored: [],
    });
  });

  it('finds src/proxy.js beside src/app/', async () => {
    expect(await findProxyFile(await project(['src/app/route.ts', 'src/proxy.js']))).toEqual({
      proxy: { file: 'src/proxy.js', kind: 'proxy' },
      ignored: [],
    });
  });

  it('reads middleware.ts with the deprecation warning', async () => {
    const { proxy } = await findProxyFile(await project(['app/route.ts', 'middleware.ts']));
    expect(proxy).toEqual({
      file: 'middleware.ts',
      kind: 'middleware',
      warning: MIDDLEWARE_DEPRECATION,
    });
    expect(proxy?.warning).toContain(
      'The "middleware" file convention is deprecated. Please use "proxy" instead.',
    );
  });

  it('ignores, and lists, a proxy that is not beside the app folder or has an ESM extension', async () => {
    expect(await findProxyFile(await project(['app/route.ts', 'src/proxy.ts']))).toEqual({
      proxy: undefined,
      ignored: ['src/proxy.ts'],
    });
    expect(await findProxyFile(await project(['src/app/route.ts', 'proxy.ts']))).toEqual({
      proxy: undefined,
      ignored: ['proxy.ts'],
    });
    expect(
      await findProxyFile(await project(['app/route.ts', 'proxy.mjs', 'middleware.mts'])),
    ).toEqual({
      proxy: undefined,
      ignored: ['middleware.mts', 'proxy.mjs'],
    });
    expect(
      await findProxyFile(
        await project(['app/route.ts', 'app/proxy.ts', 'proxy.css', 'proxy.ts/']),
      ),
    ).toEqual({
      proxy: undefined,
      ignored: [],
    });
  });

  it('prefers app/ at the root when src/app/ exists too, as Next.js does', async () => {
    const found = await findProxyFile(
      await project(['app/route.ts', 'src/app/route.ts', 'proxy.ts', 'src/proxy.ts']),
    );
    expect(found).toEqual({
      proxy: { file: 'proxy.ts', kind: 'proxy' },
      ignored: ['src/proxy.ts'],
    });
  });

  it("refuses proxy and middleware together with Next.js's message", async () => {
    const dir = await project(['app/route.ts', 'proxy.ts', 'middleware.ts']);
    await expect(findProxyFile(dir)).rejects.toThrow(
      'Both middleware file "./middleware.ts" and proxy file "./proxy.ts" are detected. Please use "./proxy.ts" only. Learn more: https://nextjs.org/docs/messages/middleware-to-proxy',
    );
    await expect(findProxyFile(dir)).rejects.toMatchObject({
      code: 'ERR_PROXY_AND_MIDDLEWARE',
      files: ['middleware.ts', 'proxy.ts'],
    });
  });

  it('refuses one name with two extensions', async () => {
    await expect(
      findProxyFile(await project(['app/route.ts', 'proxy.ts', 'proxy.js'])),
    ).rejects.toMatchObject({
      code: 'ERR_DUPLICATE_PROXY_FILE',
      files: ['proxy.js', 'proxy.ts'],
    });
  });
});

describe('pickProxyFunction', () => {
  const fn = () => undefined;
  it('takes the export named after the file first, then the default export', () => {
    const other = () => undefined;
    expect(pickProxyFunction({ default: other, proxy: fn }, 'proxy.ts').handler).toBe(fn);
    expect(pickProxyFunction({ default: fn, middleware: other }, 'proxy.ts').handler).toBe(fn);
    expect(pickProxyFunction({ proxy: fn, config: { matcher: '/a' } }, 'proxy.ts')).toEqual({
      handler: fn,
      config: { matcher: '/a' },
    });
    expect(pickProxyFunction({ middleware: fn }, 'src/middleware.ts').handler).toBe(fn);
  });

  it("refuses a file without the function, in Next.js's words, naming the file", () => {
    expect(() => pickProxyFunction({ proxy: 1 }, 'proxy.ts')).toThrow(
      'Proxy is missing expected function export name\nThe file "./proxy.ts" must export a function, either as a default export or as a named "proxy" export.',
    );
    expect(() => pickProxyFunction({ proxy: fn }, 'src/middleware.ts')).toThrow(
      'Middleware is missing expected function export name',
    );
    expect(() => pickProxyFunction({ proxy: fn }, 'middleware.ts')).toThrow(ProxyStartupError);
    let thrown: unknown;
    try {
      pickProxyFunction({ middleware: fn }, 'proxy.ts');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'ERR_PROXY_NO_FUNCTION',
      files: ['proxy.ts'],
      fix: expect.stringContaining(
        'Rename the exported function "middleware" to "proxy"',
      ) as string,
    });
  });
});
