import { join, resolve } from 'node:path';
import { serve, type RunningServer, type ServeOptions } from '@approute/node';
import { openBuild } from './app.js';
import { buildApp, buildState } from './build.js';
import type { BuildRouterOptions } from './routes-module.js';
import { findAppDir } from './scan.js';
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
  /** The compat mode (`--compat`, or package.json's `approute.compat`); none is Next.js 16. */
  compat?: 'next15';
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
  const wanted: BuildRouterOptions = {
    basePath: options.basePath,
    trailingSlash: options.trailingSlash,
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
    await buildApp(projectDir, {
      warn: options.logError,
      outDir,
      options: {
        basePath: options.basePath ?? found.options?.basePath,
        trailingSlash: options.trailingSlash ?? found.options?.trailingSlash,
        compat: options.compat,
      },
    });
    // Nothing more to compile: esbuild's service process need not live as long as the server.
    await stopCompiler();
  }
  const router = await openBuild(outDir);
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
