import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  checkRouteModule,
  createRouter,
  type PrerenderedEntry,
  type RouteManifest,
  type RouteModule,
} from '@approute/router';
import {
  BUILD_INFO_FILE,
  compiledModulePath,
  MANIFEST_FILE,
  OUTPUT_DIR,
  PRERENDERED_FILE,
  ROUTES_FILE,
  WEB_BUNDLE_FILE,
} from './build-output.js';
import { registerOnce } from './app.js';
import { buildWebBundle, type WebBundle, type WebServing } from './build-web.js';
import { compatMode } from './compat.js';
import { compileProject, inputsOf } from './compile.js';
import { buildLoadError } from './load-errors.js';
import { encodePrerender } from './prerendered.js';
import { findNextConfig } from './next-config.js';
import {
  defineFor,
  findInstrumentation,
  prepareEnvironment,
  readProject,
  type RouterFlags,
} from './project.js';
import {
  generateRoutesModule,
  type BuildRouterOptions,
  type RoutesModule,
} from './routes-module.js';
import { checkProxyModule, discoverProxy, type BuiltProxy } from './proxy-build.js';
import { findProxyFile } from './proxy-file.js';
import { findAppDir, scanApp } from './scan.js';

const hasAppDir = (projectDir: string) =>
  findAppDir(projectDir).then(
    () => true,
    () => false,
  );

/** What `approute build` records besides the manifest, to tell whether a build is stale. */
interface BuildInfo {
  /**
   * Every source file the compilation read (relative to the project, next.config among them)
   * and its modification time.
   */
  inputs: Record<string, number>;
  /** The route files found (relative to the project). */
  files: string[];
  /** The router options the build was made with. */
  options: BuildRouterOptions;
  /** The config file and the instrumentation file the build read, if any. */
  config?: string;
  instrumentation?: string;
  /** The proxy file (relative to the project), or `null`. */
  proxy?: string | null;
  /** The cache handler modules the build was given (`name` → path relative to the project). */
  cacheHandlers?: Record<string, string>;
}

/** Options for {@link buildApp}. */
export interface BuildOptions {
  /** Where warnings go (route modules, next.config keys approute does not apply). */
  warn: (message: string) => void;
  /** Where lines about the build go (the `.env*` files read); nowhere by default. */
  log?: (message: string) => void;
  /** The router options the command line sets: they override next.config's. */
  options?: RouterFlags;
  /** `web` also writes the one-module fetch bundle (`.approute/web/index.mjs`). */
  target?: 'node' | 'web';
  /** With `target: 'web'`: the serving settings written into the bundle. */
  serving?: WebServing;
  /** The output folder (default `<project>/.approute`). */
  outDir?: string;
  /**
   * Cache handler modules (`default`, or a `'use cache: <name>'` name → a path relative to the
   * project, default export a `CacheHandler`), from `--cache-handler`: they win over
   * next.config's `cacheHandlers`. Recorded for `approute start`, bundled into the web bundle.
   */
  cacheHandlers?: Record<string, string>;
}

/** What {@link buildApp} produced. */
export interface Build {
  manifest: RouteManifest;
  prerendered: PrerenderedEntry[];
  /** Route ids the build found dynamic. */
  dynamic: string[];
  /** The router options the build was made with (next.config's, with the flags on top). */
  options: BuildRouterOptions;
  /** The app's proxy (`proxy.ts`, `middleware.ts`), checked, or `undefined`. */
  proxy: BuiltProxy | undefined;
  /** With `target: 'web'`, the bundle it wrote. */
  web?: WebBundle;
}

const posix = (path: string) => path.split(sep).join('/');

// A relative import specifier is a URL: `%`, `#` and `?` in a file name must be escaped, or
// `app/%5Fx` would import `app/_x`.
const relativeSpecifier = (path: string) => `.${pathToFileURL(`/${path}`).pathname}`;

/**
 * Compiles an app into `<project>/.approute` (see build-output.ts for the layout), as
 * `next build` builds one: in production mode with the `.env*` files loaded, next.config read
 * (the command line's router options on top), every route and the proxy compiled and their
 * modules loaded once and validated (an invalid `config.matcher` is a build error),
 * `instrumentation.ts` registered, the static GET answers (segment config) produced now, and
 * with `target: 'web'` the fetch bundle made from the same manifest, router options and answers.
 * @param projectDir the project folder
 * @param build warnings, router options, target and output folder
 */
export async function buildApp(folder: string, build: BuildOptions): Promise<Build> {
  const projectDir = resolve(folder);
  const outDir = build.outDir ?? join(projectDir, OUTPUT_DIR);
  const env = prepareEnvironment(
    projectDir,
    'production',
    build.log ?? (() => undefined),
    build.warn,
  );
  const flags: RouterFlags = { ...build.options };
  // Not given (the programmatic API): the project's package.json key decides.
  if (!('compat' in flags)) flags.compat = await compatMode(projectDir, undefined);
  const manifest = await scanApp(projectDir);
  const project = await readProject(projectDir, outDir, 'production', flags, build.warn);
  const cacheHandlers = build.cacheHandlers ?? project.config.cacheHandlers ?? {};
  const staticEnv = project.config.env;
  for (const [key, value] of Object.entries(staticEnv)) process.env[key] = value;
  const files = manifest.routes.map((route) => route.file);
  const proxyFile = await discoverProxy(projectDir, build.warn);
  const compiled = [...files];
  if (project.instrumentation) compiled.push(project.instrumentation);
  if (proxyFile) compiled.push(proxyFile.file);
  await mkdir(outDir, { recursive: true });
  const metafile = await compileProject(
    {
      projectDir,
      outDir,
      define: defineFor('production', 'nodejs', staticEnv),
      serverExternalPackages: project.config.serverExternalPackages,
      transpilePackages: project.config.transpilePackages,
      cacheComponents: project.router.cacheComponents,
    },
    compiled,
  );
  const read = inputsOf(metafile, projectDir);
  if (project.config.file) read.push(join(projectDir, project.config.file));
  const options: BuildRouterOptions = {
    ...project.router,
    buildId: await buildIdOf(projectDir, read, project.router),
  };
  let proxy: BuiltProxy | undefined;
  if (proxyFile) {
    const module = pathToFileURL(join(outDir, compiledModulePath(proxyFile.file))).href;
    const mod = (await import(`${module}?build=${String(Date.now())}`)) as Record<string, unknown>;
    proxy = checkProxyModule(mod, proxyFile.file, options.basePath);
  }
  await writeFile(
    join(outDir, ROUTES_FILE),
    generateRoutesModule(
      manifest,
      options,
      (route) => relativeSpecifier(compiledModulePath(route.file)),
      {
        env: staticEnv,
        instrumentation: project.instrumentation
          ? relativeSpecifier(compiledModulePath(project.instrumentation))
          : undefined,
        proxy: proxy && { ...proxy, specifier: relativeSpecifier(compiledModulePath(proxy.file)) },
      },
    ),
  );
  const routes = (await import(
    `${pathToFileURL(join(outDir, ROUTES_FILE)).href}?build=${String(Date.now())}`
  )) as RoutesModule;
  const modules = new Map<string, RouteModule>();
  for (const route of manifest.routes) {
    let mod: RouteModule;
    try {
      mod = await routes.load(route);
    } catch (error) {
      throw await buildLoadError(error, route.file, projectDir);
    }
    modules.set(route.file, mod);
    route.methods = checkRouteModule(route, mod, { warn: build.warn }).methods;
  }
  // Prerendering answers requests: instrumentation.ts is registered first, as before any request.
  const hooks = await routes.instrumentation?.();
  if (hooks) await registerOnce(hooks);
  // A handler that fails fails the build with its own error (the router logs the cause, then
  // rejects with a summary). Warnings about the modules were printed by the validation above.
  let cause: unknown;
  const logger = {
    warn: () => undefined,
    error: (_message: string, error?: unknown) => void (cause ??= error),
  };
  // The build's own router: the in-memory cache, whatever handler `start` is given later.
  const router = createRouter(manifest, {
    ...options,
    logger,
    load: (route) => Promise.resolve(modules.get(route.file) ?? {}),
  });
  const prerender = await router.static.prerender().catch((error: unknown) => {
    throw cause ?? error;
  });
  if (prerender.entries.length > 0 || prerender.dynamic.length > 0) {
    await writeFile(
      join(outDir, PRERENDERED_FILE),
      `${JSON.stringify(encodePrerender(prerender))}\n`,
    );
  } else await rm(join(outDir, PRERENDERED_FILE), { force: true });
  const inputs: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const input of read)
    inputs[posix(relative(projectDir, input))] = (await stat(input)).mtimeMs;
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const handlerPaths: Record<string, string> = {};
  for (const [name, path] of Object.entries(cacheHandlers))
    handlerPaths[name] = posix(relative(projectDir, resolve(projectDir, path)));
  const info: BuildInfo = {
    inputs,
    files,
    options,
    config: project.config.file,
    instrumentation: project.instrumentation,
    proxy: proxy?.file ?? null,
    cacheHandlers: handlerPaths,
  };
  await writeFile(join(outDir, BUILD_INFO_FILE), `${JSON.stringify(info)}\n`);
  const result: Build = {
    manifest,
    prerendered: prerender.entries,
    dynamic: prerender.dynamic,
    options,
    proxy,
  };
  if (build.target === 'web') {
    result.web = await buildWebBundle({
      projectDir,
      manifest,
      outFile: join(outDir, WEB_BUNDLE_FILE),
      options,
      prerendered: prerender.entries,
      dynamicRoutes: prerender.dynamic,
      cacheHandlers,
      env: { ...env.values, ...staticEnv },
      staticEnv,
      instrumentation: project.instrumentation,
      serverExternalPackages: project.config.serverExternalPackages,
      ...(proxy ? { proxy } : {}),
      ...(build.serving ? { serving: build.serving } : {}),
    });
  }
  return result;
}

// The build id: a digest of the sources (next.config among them) and options, so that
// instances built from the same sources share cached answers and a changed app starts afresh.
async function buildIdOf(
  projectDir: string,
  sources: readonly string[],
  options: BuildRouterOptions,
): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ ...options, buildId: undefined }));
  for (const source of [...new Set(sources)].sort()) {
    hash.update(`\n${posix(relative(projectDir, source))}\n`);
    hash.update(await readFile(source));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The cache handler modules a build was made with (`name` → absolute path), for `start`.
 * @param outDir the build output folder
 * @param projectDir the project folder the paths are relative to
 */
export async function builtCacheHandlers(
  outDir: string,
  projectDir: string,
): Promise<Record<string, string>> {
  try {
    const info = JSON.parse(await readFile(join(outDir, BUILD_INFO_FILE), 'utf8')) as BuildInfo;
    const found: Record<string, string> = {};
    for (const [name, path] of Object.entries(info.cacheHandlers ?? {}))
      found[name] = resolve(projectDir, path);
    return found;
  } catch {
    return {};
  }
}

/** Where a project's build stands against its sources. */
export interface BuildState {
  /**
   * `fresh`: up to date; `stale`: a source changed, was added or was removed since, or it was
   * made with other router options than asked for; `missing`: there is none; `no-sources`:
   * there is a build but no app folder to compare it with (a deployment that holds only the
   * build).
   */
  state: 'fresh' | 'stale' | 'missing' | 'no-sources';
  /** The router options the build was made with, when there is one. */
  options?: BuildRouterOptions;
}

/**
 * Compares a project's build with its sources and with the router options asked for.
 * @param projectDir the project folder
 * @param wanted the router options asked for; one left out is whatever the build has
 * @param outDir the output folder
 */
export async function buildState(
  projectDir: string,
  wanted: RouterFlags,
  outDir = join(projectDir, OUTPUT_DIR),
): Promise<BuildState> {
  let info: BuildInfo;
  try {
    await stat(join(outDir, ROUTES_FILE));
    info = JSON.parse(await readFile(join(outDir, BUILD_INFO_FILE), 'utf8')) as BuildInfo;
  } catch {
    return { state: 'missing' };
  }
  const options = info.options;
  const differs =
    (wanted.basePath !== undefined && wanted.basePath !== (options.basePath ?? '')) ||
    (wanted.trailingSlash !== undefined &&
      wanted.trailingSlash !== (options.trailingSlash ?? false)) ||
    ('compat' in wanted && wanted.compat !== options.compat) ||
    (wanted.cacheComponents !== undefined &&
      wanted.cacheComponents !== (options.cacheComponents ?? false)) ||
    (wanted.cacheLife !== undefined &&
      JSON.stringify(wanted.cacheLife) !== JSON.stringify(options.cacheLife ?? {})) ||
    (wanted.cacheMaxMemorySize !== undefined &&
      wanted.cacheMaxMemorySize !== options.cacheMaxMemorySize);
  if (!(await hasAppDir(projectDir))) return { state: 'no-sources', options };
  if (differs) return { state: 'stale', options };
  for (const [input, mtime] of Object.entries(info.inputs)) {
    const now = await stat(join(projectDir, input)).then(
      (stats) => stats.mtimeMs,
      () => undefined,
    );
    if (now !== mtime) return { state: 'stale', options };
  }
  // A config or an instrumentation file added (or removed) since is a change too.
  if (
    (await findNextConfig(projectDir)) !== info.config ||
    (await findInstrumentation(projectDir)) !== info.instrumentation
  )
    return { state: 'stale', options };
  const files = (await scanApp(projectDir)).routes.map((route) => route.file);
  const proxy = await findProxyFile(projectDir).then(
    (found) => found.proxy?.file ?? null,
    () => undefined,
  );
  const same = files.join('\n') === info.files.join('\n') && proxy === (info.proxy ?? null);
  return { state: same ? 'fresh' : 'stale', options };
}
