import { join, resolve } from 'node:path';
import { serve, type RunningServer, type ServeOptions } from '@approute/node';
import type { CacheLifeProfile } from '@approute/router';
import { openBuild } from './app.js';
import { buildApp, buildState, builtCacheHandlers } from './build.js';
import { loadCacheHandlers } from './cache-handlers.js';
import { OUTPUT_DIR } from './build-output.js';
import { stopCompiler } from './compile.js';
import { CliError } from './errors.js';

/** Options for {@link startApp}. */
export interface StartOptions extends Pick<
  ServeOptions,
  'trustProxy' | 'bodyLimit' | 'gracePeriod' | 'crashOnError'
> {
  /** The project folder (the one holding `app/`, or only `.approute` in a deployment). */
  dir: string;
  port: number;
  hostname: string;
  /** The base path; left out, the build's. */
  basePath?: string;
  /** Whether paths end with a slash; left out, the build's. */
  trailingSlash?: boolean;
  /** Cache Components; left out, the build's. */
  cacheComponents?: boolean;
  /** cacheLife profiles; left out, the build's. */
  cacheLife?: Record<string, CacheLifeProfile>;
  /** The in-memory cache's bound in bytes; left out, the build's (50 MB by default). */
  cacheMaxMemorySize?: number;
  /** Cache handler modules (`default` or a `'use cache: <name>'` name → path); left out, the build's. */
  cacheHandlers?: Record<string, string>;
  /** Called with a line to show the user (e.g. that a build was needed). */
  log: (line: string) => void;
  /** Called with a warning or an error to show the user. */
  logError: (line: string) => void;
}

/**
 * Serves the build output of a project in production mode, building it first when there is
 * no build, its sources changed since, or it was made with other router options; a build
 * without sources beside it (a deployment image) is served as it is.
 * @param options the project folder and where to listen
 */
export async function startApp(options: StartOptions): Promise<RunningServer> {
  // Stacks in the log point at the route files, not at the compiled modules.
  process.setSourceMapsEnabled(true);
  const projectDir = resolve(options.dir);
  const outDir = join(projectDir, OUTPUT_DIR);
  const wanted = {
    basePath: options.basePath,
    trailingSlash: options.trailingSlash,
    cacheComponents: options.cacheComponents,
    cacheLife: options.cacheLife,
  };
  const found = await buildState(projectDir, wanted, outDir);
  if (found.state === 'no-sources') {
    const built = found.options ?? {};
    if (
      (options.basePath !== undefined && options.basePath !== (built.basePath ?? '')) ||
      (options.trailingSlash !== undefined &&
        options.trailingSlash !== (built.trailingSlash ?? false))
    ) {
      throw new CliError(
        'ERR_BUILD_OPTIONS',
        `The build in ${outDir} was made with ${describe(built)}, and there is no app folder to ` +
          'build it again: run `approute build` with the options you want where the sources are, ' +
          'or start without --base-path and --trailing-slash.',
      );
    }
    options.log(`serving the build in ${outDir} (no app folder to compare it with)`);
  } else if (found.state !== 'fresh') {
    if (found.state === 'stale' && found.options) {
      options.log(`the build in ${outDir} is not up to date, building`);
    } else options.log(`no build in ${outDir}, building`);
    await buildApp(projectDir, {
      warn: options.logError,
      outDir,
      options: {
        basePath: options.basePath ?? found.options?.basePath,
        trailingSlash: options.trailingSlash ?? found.options?.trailingSlash,
        cacheComponents: options.cacheComponents ?? found.options?.cacheComponents,
        cacheLife: options.cacheLife ?? found.options?.cacheLife,
        cacheMaxMemorySize: found.options?.cacheMaxMemorySize,
      },
      cacheHandlers: options.cacheHandlers,
    });
    // Nothing more to compile: esbuild's service process need not live as long as the server.
    await stopCompiler();
  }
  const modules = options.cacheHandlers ?? (await builtCacheHandlers(outDir, projectDir));
  const { default: cache, ...cacheHandlers } = await loadCacheHandlers(projectDir, outDir, modules);
  const router = await openBuild(outDir, {
    ...(cache ? { cache } : {}),
    ...(Object.keys(cacheHandlers).length > 0 ? { cacheHandlers } : {}),
    ...(options.cacheMaxMemorySize !== undefined
      ? { cacheMaxMemorySize: options.cacheMaxMemorySize }
      : {}),
  });
  if (cache) options.log(`cache handler: ${modules.default ?? ''}`);
  return serve({
    fetch: router.fetch,
    port: options.port,
    hostname: options.hostname,
    trustProxy: options.trustProxy,
    bodyLimit: options.bodyLimit,
    gracePeriod: options.gracePeriod,
    crashOnError: options.crashOnError,
  });
}

function describe(options: { basePath?: string; trailingSlash?: boolean }): string {
  const base = options.basePath ? `base path ${options.basePath}` : 'no base path';
  return `${base} and trailingSlash ${options.trailingSlash ? 'on' : 'off'}`;
}
