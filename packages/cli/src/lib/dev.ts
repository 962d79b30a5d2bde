import { watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { AppContext } from '@approute/request';
import { serve, type RunningServer } from '@approute/node';
import { createRouter, type Router } from '@approute/router';
import { compiledModuleLoader, compiledModulePath, OUTPUT_DIR } from './build-output.js';
import { createNodeCompiler, inputsOf, type NodeCompiler } from './compile.js';
import { loadEnvFiles } from './env.js';
import { CONFIG_FILES } from './next-config.js';
import { defineFor, prepareEnvironment, readProject, type Project } from './project.js';
import type { InstrumentationModule } from './routes-module.js';
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

const ENV_FILE = /^\.env(?:\.[\w.-]+)?$/;

/**
 * Serves an app in development mode, as `next dev` does: `NODE_ENV=development` and the
 * `.env.development*` files, next.config read, `instrumentation.ts` registered once; compiles
 * on start, recompiles within milliseconds of a saved change (route files, the files they
 * import, workspace packages, added and removed routes; next.config and `.env*` files read
 * again), logs one line per request, and shows errors with their stack in the response body.
 * @param options the project folder, where to listen, and where log lines go
 */
export async function devApp(options: DevOptions): Promise<RunningServer> {
  const projectDir = resolve(options.dir);
  prepareEnvironment(projectDir, 'development', options.log, options.logError);
  // A missing app folder or a route conflict at start is an error to fix before serving.
  const appDir = join(projectDir, await findAppDir(projectDir));
  await scanApp(projectDir);
  const outDir = join(projectDir, OUTPUT_DIR, 'dev');
  const flags = {
    basePath: options.basePath,
    trailingSlash: options.trailingSlash,
    compat: options.compat,
  };
  let project: Project | undefined;
  let reconfigure = true;
  let compiler: NodeCompiler | undefined;
  let files: string[] = [];
  let version = 0;
  let current: Current = { error: new Error('not compiled yet') };
  let instrumentation: Promise<InstrumentationModule | undefined> | undefined;
  const inputWatchers = new Map<string, FSWatcher>();

  // next.config and instrumentation.ts are read on start and after next.config changes.
  async function configure(): Promise<Project> {
    const read = await readProject(projectDir, outDir, 'development', flags, options.logError);
    for (const [key, value] of Object.entries(read.config.env)) process.env[key] = value;
    return read;
  }

  async function compile(): Promise<void> {
    const started = performance.now();
    try {
      if (reconfigure || !project) {
        reconfigure = false;
        await compiler?.dispose();
        compiler = undefined;
        project = await configure();
      }
      const manifest = await scanApp(projectDir);
      const routes = manifest.routes.map((route) => route.file);
      const found = project.instrumentation ? [...routes, project.instrumentation] : routes;
      if (!compiler || found.join('\n') !== files.join('\n')) {
        await compiler?.dispose();
        compiler = createNodeCompiler({
          projectDir,
          outDir,
          files: found,
          define: defineFor('development', 'nodejs', project.config.env),
          serverExternalPackages: project.config.serverExternalPackages,
          transpilePackages: project.config.transpilePackages,
          reuseDependencies: true,
        });
        files = found;
      }
      const result = await compiler.compile();
      const v = ++version;
      const file = project.instrumentation;
      // register() runs once, before the first request, as in `next dev`.
      instrumentation ??= file
        ? (
            import(
              pathToFileURL(join(outDir, compiledModulePath(file))).href
            ) as Promise<InstrumentationModule>
          ).then(async (hooks) => {
            await hooks.register?.();
            return hooks;
          })
        : Promise.resolve(undefined);
      const hooks = await instrumentation;
      const onRequestError = hooks?.onRequestError;
      current = {
        router: createRouter(manifest, {
          ...project.router,
          load: compiledModuleLoader(outDir, `?v=${String(v)}`),
          dev: true,
          logger: {
            error: (message, error) => {
              options.logError(error ? `${message}\n${errorText(error)}` : message);
            },
            warn: options.logError,
          },
          ...(onRequestError
            ? {
                onRequestError: async (error, request, context) => {
                  await onRequestError(error, request, context);
                },
              }
            : {}),
        }),
      };
      watchInputs(inputsOf(result.metafile, projectDir));
      if (v > 1) options.log(`compiled in ${String(Math.round(performance.now() - started))}ms`);
    } catch (error) {
      current = { error: error instanceof Error ? error : new Error(String(error)) };
      options.logError(error instanceof Error ? error.message : String(error));
    }
  }

  // Files outside app/ that routes import (a shared lib/ folder, a workspace package) are
  // watched one by one.
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
  // A changed next.config is read again; a changed .env file is loaded again (as `next dev`).
  const projectWatcher = watch(projectDir, (_event, name) => {
    if (name === null) return;
    if (CONFIG_FILES.includes(name)) {
      reconfigure = true;
      schedule();
    } else if (ENV_FILE.test(name)) {
      loadEnvFiles(projectDir, 'development', true);
      schedule();
    }
  });

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
        `${request.method} ${pathname}${search} ${String(response.status)} in ${String(Math.round(performance.now() - started))}ms`,
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
      projectWatcher.close();
      for (const watcher of inputWatchers.values()) watcher.close();
      clearTimeout(timer);
      await running;
      await compiler?.dispose();
      await server.close();
    },
  };
}
