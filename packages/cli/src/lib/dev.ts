import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AppContext } from '@approute/request';
import { serve, type RunningServer } from '@approute/node';
import {
  createRouter,
  isIgnoredProxyFileName,
  isProxyFileName,
  type ProxyFile,
  type ProxyOptions,
  type RouteManifest,
  type Router,
} from '@approute/router';
import { registerOnce } from './app.js';
import { OUTPUT_DIR } from './build-output.js';
import { loadCacheHandlers } from './cache-handlers.js';
import { DevRoutes, type RouteBuildResult } from './dev-routes.js';
import { loadEnvFiles } from './env.js';
import { CONFIG_FILES as NEXT_CONFIG_FILES } from './next-config.js';
import { defineFor, prepareEnvironment, readProject, type Project } from './project.js';
import type { InstrumentationModule } from './routes-module.js';
import { isInside, watchProject, type FileChange, type ProjectWatcher } from './dev-watcher.js';
import { checkProxyModule, discoverProxy } from './proxy-build.js';
import { findAppDir, scanApp } from './scan.js';
import type { StartOptions } from './start.js';
import { writeRouteTypes } from './typegen.js';

/** Options for {@link devApp}: those of `startApp`; `log` gets one line per request and per reload. */
export type DevOptions = StartOptions;

/** Files at the project root that change how every route compiles. */
const CONFIG_FILES = new Set(['tsconfig.json', 'jsconfig.json', 'package.json']);
/** next.config and the .env* files: the project is read again (router options, inlined env). */
const PROJECT_FILE = (name: string) =>
  NEXT_CONFIG_FILES.includes(name) || /^\.env(?:\.[\w.-]+)?$/.test(name);

// Clears the previous run's output except the dependency layer, which it may reuse.
async function clearOutput(outDir: string): Promise<void> {
  for (const name of await readdir(outDir).catch(() => [] as string[])) {
    if (name !== 'server') await rm(join(outDir, name), { recursive: true, force: true });
  }
  const server = join(outDir, 'server');
  for (const name of await readdir(server).catch(() => [] as string[])) {
    if (name !== '_deps') await rm(join(server, name), { recursive: true, force: true });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

const shown = (path: string) => relative(process.cwd(), path) || path;

/** The changes that leave something changed: not a temp file that came and went. */
function netChanges(changes: readonly FileChange[]): FileChange[] {
  const first = new Map<string, FileChange['kind']>();
  const last = new Map<string, FileChange['kind']>();
  for (const { path, kind } of changes) {
    if (!first.has(path)) first.set(path, kind);
    last.set(path, kind);
  }
  return [...last].flatMap(([path, kind]) => {
    const began = first.get(path);
    const cameAndWent =
      (began === 'add' || began === 'addDir') && (kind === 'unlink' || kind === 'unlinkDir');
    return cameAndWent ? [] : [{ path, kind }];
  });
}

/** "lib/db.ts changed", "app/a/route.ts added, app/b removed", "5 files changed". */
function describeChanges(changes: readonly FileChange[]): string {
  const last = new Map<string, FileChange['kind']>();
  for (const change of changes) last.set(change.path, change.kind);
  const words = {
    add: 'added',
    addDir: 'added',
    change: 'changed',
    unlink: 'removed',
    unlinkDir: 'removed',
  };
  const parts = [...last].map(([path, kind]) => `${shown(path)} ${words[kind]}`);
  return parts.length > 3 ? `${String(parts.length)} files changed` : parts.join(', ');
}

/**
 * Serves an app in development mode, as `next dev` does (`NODE_ENV=development`, the
 * `.env.development*` files, next.config read, `instrumentation.ts` registered once): compiles
 * on start, and within milliseconds of a saved change (a route file, the proxy, a file they
 * import, inside or outside app/, a route or a proxy file added or removed; next.config or a
 * `.env*` file, read again) compiles again the modules it concerns, logging what changed. A
 * route that fails to compile
 * answers its error, with a code frame, while the others keep working; handler errors answer
 * with their stack, source-mapped to the route's own file. Everything it started is released
 * when it fails to start (a port in use) or is closed.
 * @param options the project folder, where to listen, and where log lines go
 */
export async function devApp(options: DevOptions): Promise<RunningServer> {
  process.setSourceMapsEnabled(true);
  const projectDir = resolve(options.dir);
  prepareEnvironment(projectDir, 'development', options.log, options.logError);
  // A missing app folder or a route conflict at start is an error to fix before serving.
  const appDir = join(projectDir, await findAppDir(projectDir));
  let manifest: RouteManifest = await scanApp(projectDir);
  const outDir = join(projectDir, OUTPUT_DIR, 'dev');
  await clearOutput(outDir);
  const flags = {
    basePath: options.basePath,
    trailingSlash: options.trailingSlash,
    compat: options.compat,
    cacheComponents: options.cacheComponents,
    cacheLife: options.cacheLife,
    cacheMaxMemorySize: options.cacheMaxMemorySize,
  };
  // next.config, read with the development phase; again when it or a .env* file changes.
  const readSettings = async (): Promise<Project> => {
    const read = await readProject(projectDir, outDir, 'development', flags, options.logError);
    for (const [key, value] of Object.entries(read.config.env)) process.env[key] = value;
    return read;
  };
  let project = await readSettings();
  // The cache handlers (--cache-handler, else next.config's cacheHandlers) are loaded once:
  // the router made on each reload keeps using them.
  const { default: cacheHandler, ...named } = await loadCacheHandlers(
    projectDir,
    outDir,
    options.cacheHandlers ?? project.config.cacheHandlers ?? {},
  );
  const handlers = {
    ...(cacheHandler ? { cache: cacheHandler } : {}),
    ...(Object.keys(named).length > 0 ? { cacheHandlers: named } : {}),
  };
  let watcher: ProjectWatcher | undefined;
  let router: Router | undefined;
  /** An error of the whole app (a route conflict made while running): every request gets it. */
  let appError: unknown;
  /** The proxy file beside the app folder, compiled as one more module of `routes`. */
  let proxyFile: ProxyFile | undefined;
  /** Why the proxy cannot run (it does not compile, or fails its checks): every request gets it. */
  let proxyError: unknown;
  const warned = new Set<string>();

  // The modules dev compiles: the routes, instrumentation.ts and the proxy.
  const compiledFiles = () => [
    ...manifest.routes.map((route) => route.file),
    ...(project.instrumentation ? [project.instrumentation] : []),
    ...(proxyFile ? [proxyFile.file] : []),
  ];
  const newRoutes = () =>
    new DevRoutes({
      projectDir,
      outDir,
      define: defineFor('development', 'nodejs', project.config.env),
      serverExternalPackages: project.config.serverExternalPackages,
      transpilePackages: project.config.transpilePackages,
      cacheComponents: project.router.cacheComponents,
    });
  let routes = newRoutes();
  // instrumentation.ts: register() once, before the first request, as `next dev`.
  let hooks: Promise<InstrumentationModule | undefined> | undefined;
  const instrumentation = (): Promise<InstrumentationModule | undefined> => {
    const file = project.instrumentation;
    hooks ??= file
      ? (routes.import(file) as Promise<InstrumentationModule>).then(async (loaded) => {
          await registerOnce(loaded);
          return loaded;
        })
      : Promise.resolve(undefined);
    return hooks;
  };

  const logger = {
    error: (message: string, error?: unknown) => {
      options.logError(error ? `${message}\n${errorText(error)}` : message);
    },
    warn: options.logError,
  };

  function reportFailures(results: readonly RouteBuildResult[]): void {
    for (const result of results) if (!result.ok) options.logError(errorText(result.error));
  }

  // Next.js's warnings about the proxy file, each printed once.
  async function findProxy(): Promise<void> {
    proxyFile = await discoverProxy(projectDir, (line) => {
      if (!warned.has(line)) options.logError(line);
      warned.add(line);
    });
  }

  // The proxy as compiled, loaded and checked: an invalid matcher answers every request with
  // its error until it is fixed.
  async function loadProxy(): Promise<ProxyOptions | undefined> {
    proxyError = undefined;
    if (!proxyFile) return undefined;
    const { file } = proxyFile;
    try {
      const mod = (await routes.load({ id: file, segments: [], file })) as Record<string, unknown>;
      const { matcher } = checkProxyModule(mod, file, project.router.basePath);
      return { file, config: { matcher }, load: () => Promise.resolve(mod) };
    } catch (error) {
      proxyError = error;
      options.logError(errorText(error));
      return undefined;
    }
  }

  // The router over the routes as compiled, with next.config's options, the proxy and the
  // instrumentation hooks.
  async function makeRouter(): Promise<Router> {
    const proxy = await loadProxy();
    const onRequestError = (await instrumentation().catch(() => undefined))?.onRequestError;
    return createRouter(manifest, {
      ...project.router,
      load: (route) => routes.load(route),
      ...handlers,
      dev: true,
      logger,
      ...(proxy ? { proxy } : {}),
      ...(onRequestError
        ? {
            onRequestError: async (error, request, context) => {
              await onRequestError(error, request, context);
            },
          }
        : {}),
    });
  }

  async function writeTypes(): Promise<void> {
    await writeRouteTypes(projectDir, manifest).catch((error: unknown) => {
      options.logError(`Could not write the route types: ${errorText(error)}`);
    });
  }

  async function reload(batch: readonly FileChange[]): Promise<void> {
    const started = performance.now();
    const changes = netChanges(batch);
    if (changes.length === 0) return;
    const paths = changes.map((change) => change.path);
    const structural = changes.some(
      (change) => change.kind !== 'change' && isInside(appDir, change.path),
    );
    const config = paths.some(
      (path) => dirname(path) === projectDir && CONFIG_FILES.has(basename(path)),
    );
    const settings = paths.some(
      (path) => dirname(path) === projectDir && PROJECT_FILE(basename(path)),
    );
    const proxyMoved = changes.some(
      (change) =>
        change.kind !== 'change' &&
        dirname(change.path) === dirname(appDir) &&
        (isProxyFileName(basename(change.path)) || isIgnoredProxyFileName(basename(change.path))),
    );
    if (settings) {
      try {
        loadEnvFiles(projectDir, 'development', true);
        project = await readSettings();
        appError = undefined;
      } catch (error) {
        appError = error;
        options.logError(`${describeChanges(changes)}: ${errorText(error)}`);
        return;
      }
      await routes.dispose();
      routes = newRoutes();
    }
    if (proxyMoved) {
      try {
        await findProxy();
      } catch (error) {
        appError = error;
        options.logError(`${describeChanges(changes)}: ${errorText(error)}`);
        return;
      }
      if (!structural) appError = undefined;
    }
    if (structural) {
      try {
        manifest = await scanApp(projectDir);
        appError = undefined;
      } catch (error) {
        appError = error;
        options.logError(`${describeChanges(changes)}: ${errorText(error)}`);
        return;
      }
      await writeTypes();
    }
    if (config) await routes.reset();
    const added = await routes.sync(compiledFiles());
    const affected =
      config || settings ? routes.files() : [...new Set([...added, ...routes.affectedBy(paths)])];
    if (!structural && !proxyMoved && affected.length === 0) return;
    const results = await routes.rebuild(affected);
    watcher?.watchOutside(routes.inputs());
    router = await makeRouter();
    const ms = Math.round(performance.now() - started);
    const failed = results.filter((result) => !result.ok).length;
    const count = results.length;
    const summary =
      `${describeChanges(changes)}: recompiled ${String(count)} route${count === 1 ? '' : 's'} in ${String(ms)}ms` +
      (failed ? `, ${String(failed)} with errors` : '');
    options.log(summary);
    reportFailures(results);
  }

  // One reload at a time; changes during one lead to exactly one more, with all of them.
  let running: Promise<void> | undefined;
  let pending: FileChange[] = [];
  function schedule(changes: FileChange[]): void {
    pending.push(...changes);
    if (running) return;
    const batch = pending;
    pending = [];
    running = reload(batch)
      .catch((error: unknown) => {
        options.logError(`The reload failed: ${errorText(error)}`);
      })
      .finally(() => {
        running = undefined;
        if (pending.length) schedule([]);
      });
  }

  const handle = async (request: Request, context?: AppContext): Promise<Response> => {
    const started = performance.now();
    const current = router;
    const response =
      appError === undefined && proxyError === undefined && current
        ? await current.fetch(request, context)
        : new Response(
            errorText(appError ?? proxyError ?? new Error('The app is not compiled yet.')),
            {
              status: 500,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            },
          );
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

  let server: RunningServer | undefined;
  try {
    // The watcher scans the tree while the routes compile for the first time.
    const first = (async () => {
      await findProxy();
      await routes.sync(compiledFiles());
      const results = await routes.rebuild(routes.files());
      router = await makeRouter();
      reportFailures(results);
      await writeTypes();
    })();
    const watching = watchProject(projectDir, schedule, (error) => {
      options.logError(`The file watcher failed: ${error.message}`);
    });
    const [compiled, watched] = await Promise.allSettled([first, watching]);
    if (watched.status === 'fulfilled') watcher = watched.value;
    if (compiled.status === 'rejected') throw compiled.reason;
    if (watched.status === 'rejected') throw watched.reason;
    watcher?.watchOutside(routes.inputs());
    server = await serve({
      fetch: handle,
      port: options.port,
      hostname: options.hostname,
      trustProxy: options.trustProxy,
      bodyLimit: options.bodyLimit,
      gracePeriod: options.gracePeriod,
      crashOnError: options.crashOnError,
    });
  } catch (error) {
    // Nothing may keep the process alive after a failed start: no watcher, no esbuild context.
    await watcher?.close();
    await routes.dispose();
    throw error;
  }
  const listening = server;
  return {
    ...listening,
    async close() {
      await watcher?.close();
      await running;
      await routes.dispose();
      await listening.close();
    },
  };
}
