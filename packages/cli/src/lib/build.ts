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
import { encodePrerendered } from './prerendered.js';
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
}

/** What {@link buildApp} produced. */
export interface Build {
  manifest: RouteManifest;
  prerendered: PrerenderedEntry[];
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
  const options = project.router;
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
    },
    compiled,
  );
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
  const router = createRouter(manifest, {
    ...options,
    logger,
    load: (route) => Promise.resolve(modules.get(route.file) ?? {}),
  });
  const prerendered = await router.static.prerender().catch((error: unknown) => {
    throw cause ?? error;
  });
  if (prerendered.length > 0) {
    await writeFile(
      join(outDir, PRERENDERED_FILE),
      `${JSON.stringify(encodePrerendered(prerendered))}\n`,
    );
  } else await rm(join(outDir, PRERENDERED_FILE), { force: true });
  const inputs: Record<string, number> = Object.create(null) as Record<string, number>;
  const read = inputsOf(metafile, projectDir);
  if (project.config.file) read.push(join(projectDir, project.config.file));
  for (const input of read)
    inputs[posix(relative(projectDir, input))] = (await stat(input)).mtimeMs;
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const info: BuildInfo = {
    inputs,
    files,
    options,
    config: project.config.file,
    instrumentation: project.instrumentation,
    proxy: proxy?.file ?? null,
  };
  await writeFile(join(outDir, BUILD_INFO_FILE), `${JSON.stringify(info)}\n`);
  const result: Build = { manifest, prerendered, options, proxy };
  if (build.target === 'web') {
    result.web = await buildWebBundle({
      projectDir,
      manifest,
      outFile: join(outDir, WEB_BUNDLE_FILE),
      options,
      prerendered,
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
    ('compat' in wanted && wanted.compat !== options.compat);
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
