import { mkdir, stat } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrerenderedEntry, RouteManifest } from '@approute/router';
import { build, type Plugin, type PluginBuild } from 'esbuild';
import { ANY_NEXT_IMPORT, nextEntry, unsupportedNextImport } from './next-entries.js';

/** Options for {@link buildWebBundle}. */
export interface BuildWebOptions {
  /** The `app/` folder the manifest's files are relative to. */
  appDir: string;
  /** The app's routes, as the router's `scanApp(appDir)` returns them. */
  manifest: RouteManifest;
  /** Where the ES module goes, e.g. `.approute/web/index.mjs`. */
  outFile: string;
  /**
   * Static GET answers produced at build (`router.prerender()`, as `approute build` makes them):
   * embedded in the bundle and served from the first request on. Without them, a static GET is
   * produced on its first request in each isolate.
   */
  prerendered?: readonly PrerenderedEntry[];
  /** Router settings baked into the bundle. */
  basePath?: string;
  trailingSlash?: boolean;
  /** Minify the output (default false). */
  minify?: boolean;
  /** Write a linked source map beside the bundle (default false). */
  sourcemap?: boolean;
  /** Extra package export conditions to prefer, e.g. `['source']` inside the approute workspace. */
  conditions?: string[];
}

/** What {@link buildWebBundle} wrote. */
export interface WebBundle {
  outFile: string;
  bytes: number;
  routes: number;
}

/** A build-time error of the web bundle, naming the file involved. */
export class WebBuildError extends Error {
  override name = 'WebBuildError';
  /** `ERR_APPROUTE_WEB_BUILD` */
  readonly code = 'ERR_APPROUTE_WEB_BUILD';
}

const ENTRY = 'approute:web-entry';
const ADAPTER = 'approute:web-adapter';
const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

function entrySource(manifest: RouteManifest, appDir: string, options: BuildWebOptions): string {
  const loaders = manifest.routes.map((route) => {
    const file = join(appDir, route.file);
    return `  ${JSON.stringify(route.file)}: () => import(${JSON.stringify(file)}),`;
  });
  const settings = { basePath: options.basePath, trailingSlash: options.trailingSlash };
  const prerendered = (options.prerendered ?? []).map(({ path, route, entry }) => ({
    path,
    route,
    entry: {
      ...entry,
      body: Buffer.from(entry.body.buffer, entry.body.byteOffset, entry.body.byteLength).toString(
        'base64',
      ),
    },
  }));
  return `import { createFetchExport } from ${JSON.stringify(ADAPTER)};
const manifest = ${JSON.stringify(manifest)};
const loaders = Object.assign(Object.create(null), {
${loaders.join('\n')}
});
const bytes = (base64) => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
const prerendered = ${JSON.stringify(prerendered)}.map(({ path, route, entry }) => ({ path, route, entry: { ...entry, body: bytes(entry.body) } }));
export default createFetchExport(manifest, {
  ...${JSON.stringify(settings)},
  prerendered,
  load: (route) => loaders[route.file](),
});
`;
}

async function resolveAdapter(pluginBuild: PluginBuild, from: readonly string[]): Promise<string> {
  for (const resolveDir of from) {
    const found = await pluginBuild.resolve('@approute/web', {
      kind: 'import-statement',
      resolveDir,
    });
    if (found.errors.length === 0) return found.path;
  }
  throw new WebBuildError(
    `Cannot find @approute/web from ${from.join(' or ')}. Add "@approute/web" to the project's dependencies.`,
  );
}

function approutePlugin(appDir: string, options: BuildWebOptions): Plugin {
  const here = dirname(fileURLToPath(import.meta.url));
  const projectDir = dirname(appDir);
  return {
    name: 'approute-web',
    setup(pluginBuild) {
      let adapterDir: string | undefined;
      pluginBuild.onResolve({ filter: /^approute:web-entry$/ }, () => ({
        path: ENTRY,
        namespace: 'approute',
      }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'approute' }, () => ({
        contents: entrySource(options.manifest, appDir, options),
        loader: 'js',
        resolveDir: projectDir,
      }));
      pluginBuild.onResolve({ filter: /^approute:web-adapter$/ }, async () => {
        const path = await resolveAdapter(pluginBuild, [here, projectDir, appDir]);
        adapterDir = dirname(path);
        return { path };
      });
      // next/* resolves to the @approute/request that the adapter and router use, so that every
      // route shares one copy of it, and with it one request scope.
      pluginBuild.onResolve({ filter: ANY_NEXT_IMPORT }, async (args) => {
        const entry = nextEntry(args.path);
        if (entry === undefined) return { errors: [{ text: unsupportedNextImport(args.path) }] };
        adapterDir ??= dirname(await resolveAdapter(pluginBuild, [here, projectDir, appDir]));
        const found = await pluginBuild.resolve(`@approute/request/${entry}`, {
          kind: args.kind,
          resolveDir: adapterDir,
        });
        return found.errors.length > 0 ? { errors: found.errors } : { path: found.path };
      });
      // Node built-ins stay imports, always with the `node:` prefix that workerd and Deno need.
      pluginBuild.onResolve({ filter: /^(?:node:)?[a-z_/]+$/ }, (args) => {
        const name = args.path.replace(/^node:/, '');
        return BUILTINS.has(name) ? { path: `node:${name}`, external: true } : undefined;
      });
    },
  };
}

/**
 * Bundles an app into one ES module whose default export is a fetch handler, for `Bun.serve`,
 * `Deno.serve`, a Worker's `export default` (with the `nodejs_compat` flag) and edge-runtime.
 * The manifest and every route module are inside; nothing is read from the file system at
 * request time. Route modules are evaluated on the first request that matches them.
 * @param options the app folder, its manifest, the output file and router settings
 */
export async function buildWebBundle(options: BuildWebOptions): Promise<WebBundle> {
  const appDir = resolve(options.appDir);
  const outFile = resolve(options.outFile);
  for (const route of options.manifest.routes) {
    if (isAbsolute(route.file) || route.file.split('/').includes('..')) {
      throw new WebBuildError(`Route file "${route.file}" must be relative to ${appDir}.`);
    }
  }
  await mkdir(dirname(outFile), { recursive: true });
  const result = await build({
    entryPoints: [ENTRY],
    outfile: outFile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: options.conditions ?? [],
    target: 'es2022',
    minify: options.minify ?? false,
    sourcemap: options.sourcemap ?? false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: '// approute web bundle: export default { fetch }' },
    logLevel: 'silent',
    plugins: [approutePlugin(appDir, options)],
  }).catch((error: unknown) => {
    const failure = error as {
      errors?: { text: string; location?: { file: string; line: number } | null }[];
    };
    const details = (failure.errors ?? [])
      .map((message) =>
        message.location
          ? `${message.location.file}:${message.location.line}: ${message.text}`
          : message.text,
      )
      .join('\n');
    throw new WebBuildError(
      `Could not bundle ${appDir} for the web target:\n${details || String(error)}`,
    );
  });
  if (result.errors.length > 0)
    throw new WebBuildError(result.errors.map((message) => message.text).join('\n'));
  return { outFile, bytes: (await stat(outFile)).size, routes: options.manifest.routes.length };
}
