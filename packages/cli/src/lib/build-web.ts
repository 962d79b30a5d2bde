import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrerenderedEntry, RouteManifest } from '@approute/router';
import { build, type Plugin, type PluginBuild } from 'esbuild';
import { explainFailure, requestEntry } from './compile.js';
import { CliError } from './errors.js';
import { NEXT_ENTRIES, type NextModule } from './next-entries.js';
import { encodePrerendered } from './prerendered.js';
import { defineFor } from './project.js';
import {
  builtinRequire,
  nextModules,
  projectFiles,
  serverOnlyModules,
  type NextEntrySource,
} from './route-graph.js';
import type { BuiltProxy } from './proxy-build.js';
import { generateRoutesModule, type BuildRouterOptions } from './routes-module.js';
import { useCachePlugin } from './use-cache.js';

/** Options for {@link buildWebBundle}. */
export interface BuildWebOptions {
  /** The project folder: the manifest's files are relative to it. */
  projectDir: string;
  /** The app's routes, as a scan of the project gives them. */
  manifest: RouteManifest;
  /** Where the ES module goes, e.g. `.approute/web/index.mjs`. */
  outFile: string;
  /** The router options the bundle is made with, the same a Node build records. */
  options?: BuildRouterOptions;
  /**
   * Static GET answers produced at build (`router.static.prerender()`, as `approute build` makes
   * them): embedded in the bundle and served from the first request on. Without them, a static
   * GET is produced on its first request in each isolate.
   */
  prerendered?: readonly PrerenderedEntry[];
  /** Route ids the build found dynamic (`prerender()`'s `dynamic`). */
  dynamicRoutes?: readonly string[];
  /**
   * Cache handler modules to bundle (`default`, or a `'use cache: <name>'` name → a path
   * relative to the project, default export a `CacheHandler`); without `default`, each isolate
   * keeps the in-memory default.
   */
  cacheHandlers?: Readonly<Record<string, string>>;
  /** The app's proxy, checked (`approute build` checks it): bundled with the routes. */
  proxy?: BuiltProxy;
  /** Minify the output (default false). */
  minify?: boolean;
  /** Write a linked source map beside the bundle (default false). */
  sourcemap?: boolean;
  /** Extra package export conditions to prefer, e.g. `['source']` inside the approute workspace. */
  conditions?: string[];
  /**
   * Environment variables the bundle starts with when the runtime does not set them (the
   * `.env*` files' values, as `approute build` loads them). They are written into the bundle.
   */
  env?: Record<string, string>;
  /** next.config's `env`: inlined as `process.env.KEY`, and set in `process.env` at start. */
  staticEnv?: Record<string, string>;
  /** The project's `instrumentation.ts`, relative to the project. */
  instrumentation?: string;
  /** next.config's `serverExternalPackages`: bundled anyway (a fetch runtime has no node_modules). */
  serverExternalPackages?: readonly string[];
  /** How the bundle serves, written into its `createFetchExport` call. */
  serving?: WebServing;
}

/**
 * The serving settings `approute build --target web` writes into the bundle (`--body-limit`,
 * `--grace-period`, `--crash-on-error`): what `approute start` takes at start, a fetch runtime
 * gets from the bundle, which it runs as it is.
 */
export interface WebServing {
  /** Largest body the buffered readers read, in bytes (`Infinity` for none; default 4 MiB). */
  bodyLimit?: number;
  /** How long a drain on SIGTERM/SIGINT may take, in ms (Bun and Deno; default 10000). */
  gracePeriod?: number;
  /** Exit 1 after logging an error nobody caught (Bun and Deno; default false). */
  crashOnError?: boolean;
}

// The serving settings as a JavaScript object literal (JSON has no Infinity).
function servingSource(serving: WebServing | undefined): string {
  const fields: string[] = [];
  if (serving?.bodyLimit !== undefined) {
    const limit = serving.bodyLimit;
    fields.push(`bodyLimit: ${limit === Infinity ? 'Infinity' : String(limit)}`);
  }
  if (serving?.gracePeriod !== undefined)
    fields.push(`gracePeriod: ${String(serving.gracePeriod)}`);
  if (serving?.crashOnError) fields.push('crashOnError: true');
  return fields.length ? `, { ${fields.join(', ')} }` : '';
}

/** What {@link buildWebBundle} wrote. */
export interface WebBundle {
  outFile: string;
  bytes: number;
  routes: number;
}

const ENTRY = 'approute:web-entry';
const ROUTES = 'approute:routes';
const ENV = 'approute:env';
// The router and the adapter the entry imports, found from this package (see resolveFrom).
const ROUTER = 'approute:router';
const ADAPTER = 'approute:web';
// The internal seam of the @approute/request the adapter and the router use (resolved as the
// 'use cache' runtime is).
const REQUEST_INTERNAL = 'approute:request-internal';
const PACKAGES: Record<string, string> = {
  [ROUTER]: '@approute/router',
  [ADAPTER]: '@approute/web',
};
const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));
// The codec module beside this one, as source in the workspace and as JavaScript when installed.
const CODEC = fileURLToPath(
  new URL(`./prerendered${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

// The entry: the environment first, then the router; with an instrumentation file, the first
// request loads it and awaits its register(), as Next.js does.
function entrySource(options: BuildWebOptions): string {
  const prerendered = encodePrerendered(options.prerendered ?? []);
  // The cache handler modules, bundled: `default` behind everything, the others by name.
  const handlers = Object.entries(options.cacheHandlers ?? {});
  const imports = handlers.map(
    ([, path], i) =>
      `import handler${String(i)} from ${JSON.stringify(resolve(options.projectDir, path))};\n`,
  );
  const named = handlers
    .map(([name], i) => [name, i] as const)
    .filter(([name]) => name !== 'default')
    .map(([name, i]) => `${JSON.stringify(name)}: handler${String(i)}`);
  const defaultIndex = handlers.findIndex(([name]) => name === 'default');
  const cache = [
    defaultIndex >= 0 ? `cache: handler${String(defaultIndex)}` : '',
    named.length > 0 ? `cacheHandlers: { ${named.join(', ')} }` : '',
  ]
    .filter(Boolean)
    .map((entry) => `, ${entry}`)
    .join('');
  return `import ${JSON.stringify(ENV)};
import { createRouter } from ${JSON.stringify(ROUTER)};
import { createFetchExport } from ${JSON.stringify(ADAPTER)};
import { RESPOND, responderOf } from ${JSON.stringify(REQUEST_INTERNAL)};
import { decodePrerendered } from ${JSON.stringify(CODEC)};
import { manifest, options, load, instrumentation, proxy } from ${JSON.stringify(ROUTES)};
${imports.join('')}const prerendered = decodePrerendered(${JSON.stringify(prerendered)});
const dynamicRoutes = ${JSON.stringify(options.dynamicRoutes ?? [])};
const settings = { ...options, load, prerendered, dynamicRoutes, ...(proxy ? { proxy } : {})${cache} };
let app;
if (instrumentation === undefined) app = createRouter(manifest, settings).fetch;
else {
  // The router's callback form, which the adapter looks for, keeps working behind the wait:
  // without it each request pays a promise hop.
  let router;
  let respond;
  let started;
  const start = async () => {
    const hooks = await instrumentation();
    await hooks.register?.();
    const onRequestError = hooks.onRequestError;
    router = createRouter(manifest, onRequestError ? { ...settings, onRequestError } : settings).fetch;
    respond = responderOf(router);
  };
  app = (request, context) => (started ??= start()).then(() => router(request, context));
  app[RESPOND] = (request, context, done, fail) => {
    if (respond) respond(request, context, done, fail);
    else (started ??= start()).then(() => respond(request, context, done, fail), fail);
  };
}
// The router's own fetch, so that the adapter finds its callback form.
export default createFetchExport(app${servingSource(options.serving)});
`;
}

// The environment module: next.config's env always, the .env* values where the runtime's
// environment has none (a variable set in the runtime wins, as in Next.js); and the
// `AsyncLocalStorage` global Next.js's edge runtime defines.
function envSource(options: BuildWebOptions): string {
  return `import { AsyncLocalStorage } from 'node:async_hooks';
const scope = globalThis;
if (typeof scope.AsyncLocalStorage !== 'function') scope.AsyncLocalStorage = AsyncLocalStorage;
const runtime = scope.process ?? (scope.process = { env: {} });
const env = runtime.env ?? (runtime.env = {});
const files = ${JSON.stringify(options.env ?? {})};
for (const key of Object.keys(files)) if (env[key] === undefined) env[key] = files[key];
Object.assign(env, ${JSON.stringify(options.staticEnv ?? {})});
`;
}

// The packages the entry imports resolve from this package first (the CLI depends on them),
// then from the project, so that next/* and the router share one @approute/request.
const fromDirs = (options: BuildWebOptions) => [
  dirname(fileURLToPath(import.meta.url)),
  options.projectDir,
];

async function resolveFrom(
  pluginBuild: PluginBuild,
  specifier: string,
  from: readonly string[],
): Promise<string> {
  for (const resolveDir of from) {
    const found = await pluginBuild.resolve(specifier, { kind: 'import-statement', resolveDir });
    if (found.errors.length === 0) return found.path;
  }
  throw new CliError(
    'ERR_WEB_BUILD',
    `Cannot find ${specifier} from ${from.join(' or ')}. Add "${specifier}" to the project's dependencies.`,
  );
}

// next/* resolves to the @approute/request that the adapter and router use, so that every
// route shares one copy of it, and with it one request scope.
function nextSource(from: readonly string[]) {
  let webDir: Promise<string> | undefined;
  return async (module: NextModule, pluginBuild: PluginBuild): Promise<NextEntrySource> => {
    webDir ??= resolveFrom(pluginBuild, '@approute/web', from).then(dirname);
    const found = await pluginBuild.resolve(`@approute/request/${NEXT_ENTRIES[module]}`, {
      kind: 'import-statement',
      resolveDir: await webDir,
    });
    if (found.errors.length > 0)
      throw new CliError('ERR_WEB_BUILD', found.errors.map((error) => error.text).join('\n'));
    return { specifier: found.path, names: (await requestEntry(module)).names };
  };
}

function approutePlugin(options: BuildWebOptions): Plugin {
  const projectDir = options.projectDir;
  return {
    name: 'approute-web',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^approute:(?:web-entry|routes|env)$/ }, (args) => ({
        path: args.path,
        namespace: 'approute',
      }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'approute' }, (args) => ({
        contents:
          args.path === ENTRY
            ? entrySource(options)
            : args.path === ENV
              ? envSource(options)
              : generateRoutesModule(
                  options.manifest,
                  options.options ?? {},
                  (route) => join(projectDir, route.file),
                  {
                    env: options.staticEnv,
                    instrumentation: options.instrumentation
                      ? join(projectDir, options.instrumentation)
                      : undefined,
                    proxy: options.proxy && {
                      ...options.proxy,
                      specifier: join(projectDir, options.proxy.file),
                    },
                  },
                ),
        loader: 'js',
        resolveDir: projectDir,
      }));
      pluginBuild.onResolve({ filter: /^approute:(?:router|web)$/ }, async (args) => ({
        path: await resolveFrom(pluginBuild, PACKAGES[args.path] ?? args.path, fromDirs(options)),
      }));
      // The 'use cache' runtime and the entry's fast-path seam are the @approute/request the
      // adapter and router use.
      let webDir: Promise<string> | undefined;
      pluginBuild.onResolve(
        { filter: /^approute:(?:use-cache|request-internal)$/ },
        async (args) => {
          webDir ??= resolveFrom(pluginBuild, '@approute/web', fromDirs(options)).then(dirname);
          const found = await pluginBuild.resolve('@approute/request/internal', {
            kind: args.kind,
            resolveDir: await webDir,
          });
          return found.errors.length > 0 ? { errors: found.errors } : { path: found.path };
        },
      );
      // Platform modules (`cloudflare:workers`, where a KV-backed handler gets its bindings)
      // stay imports for the runtime to provide.
      pluginBuild.onResolve({ filter: /^cloudflare:/ }, (args) => ({
        path: args.path,
        external: true,
      }));
      // Node built-ins stay imports, always with the \`node:\` prefix that workerd and Deno need.
      pluginBuild.onResolve({ filter: /^(?:node:)?[a-z_/]+$/ }, (args) => {
        const name = args.path.replace(/^node:/, '');
        return BUILTINS.has(name) ? { path: `node:${name}`, external: true } : undefined;
      });
    },
  };
}

// A `.wasm` import that is not embedded as bytes (`with { type: 'bytes' }`) stays an import of a
// file written beside the bundle: how Workers (Wrangler's default CompiledWasm rule) and Vercel
// load WebAssembly, which they refuse to compile from bytes. next/og takes this path on workerd
// only; elsewhere it compiles the embedded bytes.
function wasmFiles(outDir: string): Plugin {
  const skip = Symbol('approute.wasm');
  return {
    name: 'approute-wasm-files',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /\.wasm$/ }, async (args) => {
        if (args.with.type === 'bytes' || args.pluginData === skip) return undefined;
        const found = await pluginBuild.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: skip,
        });
        if (found.errors.length > 0) return { errors: found.errors };
        const bytes = await readFile(found.path);
        const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
        const name = `${basename(found.path, '.wasm')}.${hash}.wasm`;
        await writeFile(join(outDir, name), bytes);
        return { path: `./${name}`, external: true };
      });
    },
  };
}

/**
 * Bundles an app into one ES module whose default export is a fetch handler, for `Bun.serve`,
 * `Deno.serve`, a Worker's `export default` (with the `nodejs_compat` flag) and edge-runtime.
 * The manifest and every route module are inside; nothing is read from the file system at
 * request time. Route modules are evaluated on the first request that matches them.
 * @param options the project folder, its manifest, the output file and router options
 */
export async function buildWebBundle(options: BuildWebOptions): Promise<WebBundle> {
  const projectDir = resolve(options.projectDir);
  const outFile = resolve(options.outFile);
  for (const file of [
    ...options.manifest.routes.map((route) => route.file),
    ...(options.proxy ? [options.proxy.file] : []),
  ]) {
    if (isAbsolute(file) || file.split('/').includes('..')) {
      throw new CliError(
        'ERR_WEB_BUILD',
        `Route file "${file}" must be relative to ${projectDir}.`,
      );
    }
  }
  await mkdir(dirname(outFile), { recursive: true });
  const result = await build({
    entryPoints: [ENTRY],
    outfile: outFile,
    absWorkingDir: projectDir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    // Route handlers are in Next's server layer, which resolves `react-server` exports.
    conditions: [...(options.conditions ?? []), 'react-server'],
    target: 'es2022',
    // JSX as Next.js compiles it, as in compile.ts.
    jsx: 'automatic',
    loader: { '.js': 'jsx' },
    minify: options.minify ?? false,
    sourcemap: options.sourcemap ?? false,
    legalComments: 'none',
    charset: 'utf8',
    define: defineFor('production', 'edge', options.staticEnv ?? {}),
    banner: { js: '// approute web bundle: export default { fetch }' },
    logLevel: 'silent',
    // server-only first; require() of built-ins before the plugin that marks them external;
    // the project's files resolved by a plugin for Next's CommonJS interop (route-graph.ts).
    plugins: [
      serverOnlyModules(projectDir),
      nextModules(projectDir, nextSource(fromDirs({ ...options, projectDir }))),
      builtinRequire,
      projectFiles,
      approutePlugin({ ...options, projectDir }),
      wasmFiles(dirname(outFile)),
      useCachePlugin(projectDir, options.options?.cacheComponents ?? false),
    ],
  }).catch(async (error: unknown) => {
    const explained = await explainFailure(error, projectDir);
    const details = explained instanceof Error ? explained.message : String(explained);
    throw new CliError(
      'ERR_WEB_BUILD',
      `Could not bundle ${projectDir} for the web target:\n${details}`,
    );
  });
  if (result.errors.length > 0)
    throw new CliError('ERR_WEB_BUILD', result.errors.map((message) => message.text).join('\n'));
  return { outFile, bytes: (await stat(outFile)).size, routes: options.manifest.routes.length };
}
