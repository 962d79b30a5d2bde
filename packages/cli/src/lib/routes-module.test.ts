import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRouter } from '@approute/router';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRoutesModule, type RoutesModule } from './routes-module.js';
import { scanApp } from './scan.js';

const projectDir = fileURLToPath(new URL('../../test/trees/tree', import.meta.url));
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('generateRoutesModule', () => {
  it('writes one static import() per route, with the specifier given', async () => {
    const manifest = await scanApp(projectDir);
    const source = generateRoutesModule(manifest, {}, (route) => `./${route.file}`);
    expect(source).toContain(
      `  "app/shop/[tag]/[item]/route.ts": () => import("./app/shop/[tag]/[item]/route.ts"),`,
    );
    expect(source.match(/import\("/g)).toHaveLength(manifest.routes.length);
    expect(source).toContain('export const options = {};');
    const compiled = generateRoutesModule(
      manifest,
      { basePath: '/b', trailingSlash: true },
      (route) => `/compiled/${route.file.replace(/\.\w+$/, '.mjs')}`,
    );
    expect(compiled).toContain(
      `"app/hello/route.ts": () => import("/compiled/app/hello/route.mjs"),`,
    );
    expect(compiled).toContain('export const options = {"basePath":"/b","trailingSlash":true};');
  });

  it('gives a module whose manifest and load serve every route, loading each on first use', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'approute-routes-'));
    dirs.push(dir);
    const outFile = join(dir, 'routes.mjs');
    const manifest = await scanApp(projectDir);
    const specifier = (route: { file: string }) => pathToFileURL(join(projectDir, route.file)).href;
    await writeFile(outFile, generateRoutesModule(manifest, {}, specifier));
    const generated = (await import(pathToFileURL(outFile).href)) as RoutesModule;
    expect(generated.manifest).toEqual(manifest);
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
      const response = await router.fetch(new Request(`http://localhost${path}`));
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe('ok');
    }
    expect(loaded).toHaveLength(9);
    await expect(generated.load({ id: '/x', segments: [], file: 'x/route.ts' })).rejects.toThrow(
      'No module for route file "x/route.ts"',
    );
  });
});
