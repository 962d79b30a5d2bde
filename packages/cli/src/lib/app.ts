import { dirname, resolve } from 'node:path';
import { createRouter, type Router, type RouterOptions } from '@approute/router';
import { readBuild, type BuildOutput } from './build-output.js';
import { explainLoadError } from './load-errors.js';
import type { InstrumentationModule } from './routes-module.js';

const registered = new WeakMap<InstrumentationModule, Promise<unknown>>();

/**
 * Calls an instrumentation module's `register()` once per process (`approute start` that builds
 * first loads the same module twice: for the build, then to serve).
 * @param hooks the loaded `instrumentation.ts`
 */
export async function registerOnce(hooks: InstrumentationModule): Promise<void> {
  let done = registered.get(hooks);
  if (done === undefined) {
    done = Promise.resolve(hooks.register?.());
    registered.set(hooks, done);
  }
  await done;
}

/** Router options that may be set when a build is served: the build brings the rest. */
export type ServeBuildOptions = Omit<RouterOptions, 'load'>;

/**
 * Starts an app as `next start` starts one: next.config's `env` goes into `process.env`,
 * `instrumentation.ts` is loaded and its `register()` awaited, and its `onRequestError` is told
 * about handler errors.
 * @param build the build read back (or, in dev, the compiled routes)
 * @param options router options to set or override
 */
export async function assembleApp(
  build: BuildOutput,
  options: ServeBuildOptions = {},
): Promise<Router> {
  for (const [key, value] of Object.entries(build.env ?? {})) process.env[key] = value;
  const instrumentation: InstrumentationModule | undefined = build.instrumentation
    ? await build.instrumentation()
    : undefined;
  if (instrumentation) await registerOnce(instrumentation);
  const onRequestError = instrumentation?.onRequestError;
  return createRouter(build.manifest, {
    ...build.options,
    prerendered: build.prerendered.entries,
    dynamicRoutes: build.prerendered.dynamic,
    ...(build.proxy ? { proxy: build.proxy } : {}),
    ...(onRequestError
      ? {
          onRequestError: async (error, request, context) => {
            await onRequestError(error, request, context);
          },
        }
      : {}),
    ...options,
    load: build.load,
  });
}

/**
 * The router for a build output folder: its manifest, route modules and proxy, the router options
 * it was built with, and the static answers prerendered at build, with `options` on top; the app
 * started as {@link assembleApp} says.
 * @param outDir the build output folder (a project's `.approute`)
 * @param options router options to set or override (logger, cache store, …)
 * @throws CliError (`ERR_MISSING_BUILD`) when the folder holds no build
 */
export async function openBuild(outDir: string, options: ServeBuildOptions = {}): Promise<Router> {
  const build = await readBuild(outDir);
  const projectDir = dirname(resolve(outDir));
  return assembleApp(
    {
      ...build,
      // A module that does not load says which route imports what, and the fix.
      load: (route) =>
        build.load(route).catch(async (error: unknown) => {
          throw await explainLoadError(error, route.file, projectDir);
        }),
    },
    options,
  );
}
