import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { RouteFile } from './app-files.js';

const NEXT_ENTRY = /^next\/(server|headers|navigation)(?:\.js)?$/;

/** Keeps `next/*` imports pointing at the one shared copy of `@approute/request`. */
const nextEntries: Plugin = {
  name: 'approute-next-entries',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: NEXT_ENTRY }, (args) => {
      const entry = NEXT_ENTRY.exec(args.path)?.[1] ?? 'server';
      const target = fileURLToPath(import.meta.resolve(`@approute/request/${entry}`));
      return { path: pathToFileURL(target).href, external: true };
    });
  },
};

/**
 * Compiles route files to ES modules under `outDir`, one module per route.
 * @param appDir the `app/` folder the files come from
 * @param routes the route files
 * @param outDir where the compiled modules go
 */
export async function compileRoutes(appDir: string, routes: readonly RouteFile[], outDir: string): Promise<Map<string, string>> {
  const entryPoints = routes.map((route) => ({
    in: route.file,
    out: relative(appDir, route.file).replace(/\.[^./]+$/, ''),
  }));
  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
    plugins: [nextEntries],
  });
  return new Map(entryPoints.map((entry, i) => [routes[i]?.file ?? '', join(outDir, `${entry.out}.mjs`)]));
}
