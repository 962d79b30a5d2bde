import { dirname, resolve } from 'node:path';
import { createRouter, type Router, type RouterOptions } from '@approute/router';
import { readBuild } from './build-output.js';
import { explainLoadError } from './load-errors.js';
import { defineNextGlobals } from './node-globals.js';

/** Router options that may be set when a build is served: the build brings the rest. */
export type ServeBuildOptions = Omit<RouterOptions, 'load'>;

/**
 * The router for a build output folder: its manifest, route modules and proxy, the router
 * options it was built with, and the static answers prerendered at build, with `options` on top.
 * @param outDir the build output folder (a project's `.approute`)
 * @param options router options to set or override (logger, cache store, …)
 * @throws CliError (`ERR_MISSING_BUILD`) when the folder holds no build
 */
export async function openBuild(outDir: string, options: ServeBuildOptions = {}): Promise<Router> {
  await defineNextGlobals();
  const build = await readBuild(outDir);
  const projectDir = dirname(resolve(outDir));
  return createRouter(build.manifest, {
    ...build.options,
    prerendered: build.prerendered,
    ...(build.proxy ? { proxy: build.proxy } : {}),
    ...options,
    // A module that does not load says which route imports what, and the fix.
    load: (route) =>
      build.load(route).catch(async (error: unknown) => {
        throw await explainLoadError(error, route.file, projectDir);
      }),
  });
}
