// The layout of a build output folder (a project's `.approute`), written by `approute build`
// and read by `approute start`:
//   manifest.json      the routes and their methods (for tools; routes.mjs embeds it)
//   routes.mjs         the route-loader module: manifest, router options, one import per route,
//                      the proxy (its file, matcher and import)
//   server/<file>.mjs  one compiled ES module per route file, the proxy's (server/proxy.mjs) and
//                      instrumentation.ts's
//   server/_chunks/    the code several of them share (project modules, workspace packages)
//   server/_deps/      the npm packages they import, bundled (see compile.ts)
//   next.config.mjs    next.config compiled, as it was read
//   prerendered.json   the static GET answers produced at build (see prerendered.ts)
//   build-info.json    what the build read, to tell whether it is stale
//   web/index.mjs      with --target web: the one-module fetch bundle
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrerenderResult } from '@approute/router';
import { CliError } from './errors.js';
import { decodePrerender, type StoredPrerender } from './prerendered.js';
import type { RoutesModule } from './routes-module.js';

/** The output folder of `approute build` inside a project. */
export const OUTPUT_DIR = '.approute';
/** The manifest's file name inside a build output folder. */
export const MANIFEST_FILE = 'manifest.json';
/** The route-loader module inside a build output folder. */
export const ROUTES_FILE = 'routes.mjs';
/** The static GET answers produced at build, inside a build output folder. */
export const PRERENDERED_FILE = 'prerendered.json';
/** What the build read, inside a build output folder. */
export const BUILD_INFO_FILE = 'build-info.json';
/** The web bundle, inside a build output folder. */
export const WEB_BUNDLE_FILE = 'web/index.mjs';

/**
 * Where the compiled module of a route file lives inside a build output folder.
 * @param file the route file, a posix path relative to the project (`app/shop/[id]/route.ts`)
 */
export function compiledModulePath(file: string): string {
  return `server/${file.replace(/\.[^./]+$/, '')}.mjs`;
}

/** A build output folder read back: its route-loader module and the prerendered answers. */
export interface BuildOutput extends RoutesModule {
  prerendered: PrerenderResult;
}

/**
 * Reads the prerendered answers of a build output folder (none when the file is missing).
 * @param dir the build output folder
 */
export async function readPrerendered(dir: string): Promise<PrerenderResult> {
  let text: string;
  try {
    text = await readFile(join(dir, PRERENDERED_FILE), 'utf8');
  } catch {
    return { entries: [], dynamic: [] };
  }
  return decodePrerender(JSON.parse(text) as StoredPrerender);
}

/**
 * Reads a build output folder as `approute build` writes it.
 * @param dir the build output folder (a project's `.approute`)
 * @param query appended to the routes module's URL (`?v=2`), so that a rebuilt one is imported afresh
 * @throws CliError (`ERR_MISSING_BUILD`) when the folder holds no build
 */
export async function readBuild(dir: string, query = ''): Promise<BuildOutput> {
  const url = `${pathToFileURL(join(dir, ROUTES_FILE)).href}${query}`;
  let routes: RoutesModule;
  try {
    routes = (await import(url)) as RoutesModule;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new CliError(
      'ERR_MISSING_BUILD',
      `No build in ${dir}: there is no ${ROUTES_FILE}. Run \`approute build\` in the project first.`,
    );
  }
  const { manifest, options, load, env, instrumentation, proxy } = routes;
  const prerendered = await readPrerendered(dir);
  return { manifest, options, load, env, instrumentation, proxy, prerendered };
}

/**
 * Loads compiled route modules from an output folder by path, for `dev`, which compiles
 * again on every save.
 * @param dir the output folder
 * @param query appended to each module URL (`?v=2`), so that a rebuilt module is imported afresh
 */
export function compiledModuleLoader(dir: string, query: string): RoutesModule['load'] {
  return async (route) =>
    (await import(
      `${pathToFileURL(join(dir, compiledModulePath(route.file))).href}${query}`
    )) as Awaited<ReturnType<RoutesModule['load']>>;
}
