import { watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AppContext } from '@approute/request';
import { serve, type RunningServer } from '@approute/node';
import { createRouter, type Router } from '@approute/router';
import type { BuildContext } from 'esbuild';
import { compiledModuleLoader, OUTPUT_DIR } from './build-output.js';
import { createCompiler, inputsOf } from './compile.js';
import { defineNextGlobals } from './node-globals.js';
import { findAppDir, scanApp } from './scan.js';
import type { StartOptions } from './start.js';

/** Options for {@link devApp}: those of `startApp`; `log` gets one line per request and per rebuild. */
export type DevOptions = StartOptions;

/** A compiled state of the app: a router, or the error that prevents one. */
type Current = { router: Router } | { error: Error };

function errorText(error: unknown): string {
  // esbuild's errors list file:line:column in the message; their stack is esbuild's own.
  if (error instanceof Error && !('errors' in error)) return error.stack ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Serves an app in development mode: compiles on start, recompiles within milliseconds of a
 * saved change (route files, the files they import, added and removed routes), logs one line
 * per request, and shows errors with their stack in the response body.
 * @param options the project folder, where to listen, and where log lines go
 */
export async function devApp(options: DevOptions): Promise<RunningServer> {
  const projectDir = resolve(options.dir);
  await defineNextGlobals();
  // A missing app folder or a route conflict at start is an error to fix before serving.
  const appDir = join(projectDir, await findAppDir(projectDir));
  await scanApp(projectDir);
  const outDir = join(projectDir, OUTPUT_DIR, 'dev');
  let compiler: BuildContext | undefined;
  let files: string[] = [];
  let version = 0;
  let current: Current = { error: new Error('not compiled yet') };
  const inputWatchers = new Map<string, FSWatcher>();

  async function compile(): Promise<void> {
    const started = performance.now();
    try {
      const manifest = await scanApp(projectDir);
      const found = manifest.routes.map((route) => route.file);
      if (!compiler || found.join('\n') !== files.join('\n')) {
        await compiler?.dispose();
        compiler = await createCompiler(projectDir, found, outDir);
        files = found;
      }
      const result = await compiler.rebuild();
      const v = ++version;
      current = {
        router: createRouter(manifest, {
          load: compiledModuleLoader(outDir, `?v=${String(v)}`),
          basePath: options.basePath,
          trailingSlash: options.trailingSlash,
          compat: options.compat,
          dev: true,
          logger: {
            error: (message, error) => {
              options.logError(error ? `${message}\n${errorText(error)}` : message);
            },
            warn: options.logError,
          },
        }),
      };
      if (result.metafile) watchInputs(inputsOf(result.metafile, projectDir));
      if (v > 1) options.log(`compiled in ${Math.round(performance.now() - started)}ms`);
    } catch (error) {
      current = { error: error instanceof Error ? error : new Error(String(error)) };
      options.logError(error instanceof Error ? error.message : String(error));
    }
  }

  // Files outside app/ that routes import (a shared lib/ folder) are watched one by one.
  function watchInputs(inputs: readonly string[]): void {
    const wanted = new Set(inputs.filter((input) => !input.startsWith(appDir)));
    for (const [input, watcher] of inputWatchers) {
      if (!wanted.has(input)) {
        watcher.close();
        inputWatchers.delete(input);
      }
    }
    for (const input of wanted)
      if (!inputWatchers.has(input)) inputWatchers.set(input, watch(input, schedule));
  }

  // One compilation at a time; changes during one lead to exactly one more.
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) {
        again = true;
        return;
      }
      running = compile().finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule();
        }
      });
    }, 10);
  }

  await compile();
  const appWatcher = watch(appDir, { recursive: true }, schedule);

  const handle = async (request: Request, context?: AppContext): Promise<Response> => {
    const started = performance.now();
    const state = current;
    const response =
      'router' in state
        ? await state.router.fetch(request, context)
        : new Response(errorText(state.error), {
            status: 500,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          });
    const { pathname, search } = new URL(request.url);
    const line = (): void => {
      options.log(
        `${request.method} ${pathname}${search} ${response.status} in ${Math.round(performance.now() - started)}ms`,
      );
    };
    if (context?.onClose) context.onClose(line);
    else line();
    return response;
  };

  const server = await serve({
    fetch: handle,
    port: options.port,
    hostname: options.hostname,
    trustProxy: options.trustProxy,
    bodyLimit: options.bodyLimit,
    gracePeriod: options.gracePeriod,
    crashOnError: options.crashOnError,
  });
  return {
    ...server,
    async close() {
      appWatcher.close();
      for (const watcher of inputWatchers.values()) watcher.close();
      clearTimeout(timer);
      await running;
      await compiler?.dispose();
      await server.close();
    },
  };
}
