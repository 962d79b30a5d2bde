import { join, resolve } from 'node:path';
import { serve, type RunningServer } from '@approute/node';
import { buildApp, freshBuild, OUTPUT_DIR } from './build.js';

/** Options for {@link startApp}. */
export interface StartOptions {
  /** The project folder (the one holding `app/`). */
  dir: string;
  port: number;
  hostname: string;
  basePath?: string;
  trustProxy?: boolean;
  trailingSlash?: boolean;
  /** The largest request body accepted, in bytes; larger ones get 413 (default: no limit). */
  bodyLimit?: number;
  /** Called with a line to show the user (e.g. that a build was needed). */
  log: (line: string) => void;
  /** Called with a warning or an error to show the user. */
  logError: (line: string) => void;
}

/**
 * Serves the build output of a project in production mode, building it first when there is
 * no build or its sources changed since.
 * @param options the project folder and where to listen
 */
export async function startApp(options: StartOptions): Promise<RunningServer> {
  const projectDir = resolve(options.dir);
  const outDir = join(projectDir, OUTPUT_DIR);
  if (!(await freshBuild(projectDir, outDir))) {
    options.log(`no up-to-date build in ${outDir}, building`);
    await buildApp(projectDir, options.logError, outDir);
  }
  return serve({
    dir: outDir,
    port: options.port,
    hostname: options.hostname,
    basePath: options.basePath,
    trustProxy: options.trustProxy,
    trailingSlash: options.trailingSlash,
    bodyLimit: options.bodyLimit,
  });
}
