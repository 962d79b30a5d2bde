import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ManifestRoute, RouteManifest, RouteModule } from '../manifest-types.js';
import { createRouter } from '../router.js';
import { generateRoutesModule } from './codegen.js';
import { scanApp } from './scan.js';

const appDir = fileURLToPath(new URL('../../../test/fixtures/tree/app', import.meta.url));
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('generateRoutesModule', () => {
  it('writes one static import() per route, relative to the module', async () => {
    const manifest = await scanApp(appDir);
    const source = generateRoutesModule(manifest, {
      appDir,
      outFile: join(appDir, '..', 'routes.js'),
    });
    expect(source).toContain(
      `  "shop/[tag]/[item]/route.ts": () => import("./app/shop/[tag]/[item]/route.ts"),`,
    );
    expect(source).toContain(
      `  "(marketing)/about/route.js": () => import("./app/(marketing)/about/route.js"),`,
    );
    expect(source.match(/import\("/g)).toHaveLength(manifest.routes.length);
    const custom = generateRoutesModule(manifest, {
      appDir,
      outFile: '/out/routes.js',
      specifier: (route) => `/compiled/${route.file.replace(/\.\w+$/, '.js')}`,
    });
    expect(custom).toContain(`"hello/route.ts": () => import("/compiled/hello/route.js"),`);
  });

  it('gives a module whose manifest and load serve every route, loading each on first use', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'approute-routes-'));
    dirs.push(dir);
    const outFile = join(dir, 'routes.js');
    await writeFile(outFile, generateRoutesModule(await scanApp(appDir), { appDir, outFile }));
    const generated = (await import(pathToFileURL(outFile).href)) as {
      manifest: RouteManifest;
      load: (route: ManifestRoute) => Promise<RouteModule>;
    };
    expect(generated.manifest).toEqual(await scanApp(appDir));
    const loaded: string[] = [];
    const router = createRouter(generated.manifest, {
      load: (route) => {
        loaded.push(route.file);
        return generated.load(route);
      },
    });
    for (const path of [
      '/hello',
      '/shop/a/b',
      '/about',
      '/photos',
      '/_underscore',
      '/(.)intercepted',
      '/caf%C3%A9',
      '/CaseSensitive',
      '/%41',
    ]) {
      const response = await router.handle(new Request(`http://localhost${path}`));
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe('ok');
    }
    expect(loaded).toHaveLength(9);
    await expect(
      generated.load({ id: '/x', pathname: '/x', file: 'x/route.ts', params: [] }),
    ).rejects.toThrow('No module for route file "x/route.ts"');
  });
});
