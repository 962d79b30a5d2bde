import { join, resolve } from 'node:path';
import { serve, type RunningServer, type ServeOptions } from '@approute/node';
import type { CacheLifeProfile } from '@approute/router';
import { openBuild } from './app.js';
import { buildApp, buildState, builtCacheHandlers } from './build.js';
import { loadCacheHandlers } from './cache-handlers.js';
import { findAppDir } from './scan.js';
import { OUTPUT_DIR } from './build-output.js';
import { stopCompiler } from './compile.js';
import { CliError } from './errors.js';
import { prepareEnvironment, type RouterFlags } from './project.js';

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
  /** The compat mode (`--compat`, or package.json's `approute.compat`); none is Next.js 16. */
  compat?: 'next15';
  /** Cache Components; left out, next.config's (the build's without sources). */
  cacheComponents?: boolean;
  /** cacheLife profiles; left out, next.config's (the build's without sources). */
  cacheLife?: Record<string, CacheLifeProfile>;
  /** The in-memory cache's bound in bytes; left out, the build's (50 MB by default). */
  cacheMaxMemorySize?: number;
  /**
   * Cache handler modules (`default` or a `'use cache: <name>'` name → path); left out, the
   * build's (`--cache-handler` given to build, or next.config's `cacheHandlers`).
   */
  cacheHandlers?: Record<string, string>;
  /** Called with a line to show the user (e.g. that a build was needed). */
  log: (line: string) => void;
  /** Called with a warning or an error to show the user. */
  logError: (line: string) => void;
}

/**
 * Serves the build output of a project in production mode, as `next start` does
 * (`NODE_ENV=production`, the `.env*` files of the project folder loaded), building it first
 * when there is no build, its sources changed since, or it was made with other router options;
 * a build without sources beside it (a deployment image) is served as it is.
 * @param options the project folder and where to listen
 */
export async function startApp(options: StartOptions): Promise<RunningServer> {
  // Stacks in the log point at the route files, not at the compiled modules.
  process.setSourceMapsEnabled(true);
  const projectDir = resolve(options.dir);
  prepareEnvironment(projectDir, 'production', options.log, options.logError);
  const outDir = join(projectDir, OUTPUT_DIR);
  const wanted: RouterFlags = {
    basePath: options.basePath,
    trailingSlash: options.trailingSlash,
    cacheComponents: options.cacheComponents,
    cacheLife: options.cacheLife,
  };
  // Without sources the deployed build's own mode is served; with them, the mode asked for.
  if (await hasSources(projectDir)) wanted.compat = options.compat;
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
    // next.config gives the rest; the flags given win over it.
    await buildApp(projectDir, {
      warn: options.logError,
      outDir,
      options: wanted,
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

function hasSources(projectDir: string): Promise<boolean> {
  return findAppDir(projectDir).then(
    () => true,
    () => false,
  );
}

function describe(options: { basePath?: string; trailingSlash?: boolean }): string {
  const base = options.basePath ? `base path ${options.basePath}` : 'no base path';
  return `${base} and trailingSlash ${options.trailingSlash ? 'on' : 'off'}`;
}
