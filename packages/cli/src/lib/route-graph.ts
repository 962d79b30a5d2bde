// The esbuild plugins both targets share, so that a route's whole import graph behaves as Next's
// server build gives it: every `next/*` import, from the app's files, workspace packages and npm
// packages alike (ESM `import` or CommonJS `require`), reaches approute's one @approute/request;
// `server-only` is empty and `client-only` a build error; the project's own files get Next's
// CommonJS default-import interop. docs/architecture.md ("The import graph") says why.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type { OnResolveArgs, Plugin, PluginBuild } from 'esbuild';
import {
  ANY_NEXT_IMPORT,
  missingNextExport,
  nextModule,
  unsupportedNextImport,
  type NextModule,
} from './next-entries.js';

/** Marks a resolution a plugin asked for itself, so that the plugins do not see it again. */
export const INNER = Symbol('approute-route-graph');

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const NODE_MODULES = `${sep}node_modules${sep}`;

/** Whether a specifier names a Node built-in (`fs`, `node:fs`, `fs/promises`). */
export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0] ?? '');
}

/** Whether a resolved file is inside a `node_modules` folder (an npm package, not a workspace one). */
export function inNodeModules(file: string): boolean {
  return file.includes(NODE_MODULES);
}

/** The package name of a bare specifier: `@scope/name` or `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** The package a file belongs to: the nearest package.json that has a name. */
export interface PackageInfo {
  root: string;
  name: string;
  version: string;
}

const packages = new Map<string, PackageInfo | undefined>();

/**
 * The package a file belongs to (cached per folder).
 * @param file an absolute path
 */
export function packageOf(file: string): PackageInfo | undefined {
  const start = dirname(file);
  if (packages.has(start)) return packages.get(start);
  let found: PackageInfo | undefined;
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (typeof name !== 'string') continue;
      found = { root: dir, name, version: typeof version === 'string' ? version : '0.0.0' };
      break;
    } catch {
      continue;
    }
  }
  packages.set(start, found);
  return found;
}

/**
 * How an importing file is named in an error: relative to the project, or as the npm package
 * it belongs to (`next-auth@4.24.15`, its file after it).
 * @param importer the importing file (absolute), as esbuild gives it
 * @param projectDir the project folder
 */
export function importerLabel(importer: string, projectDir: string): string {
  if (importer === '' || !importer.startsWith(sep)) return importer || 'the build';
  if (inNodeModules(importer)) {
    const info = packageOf(importer);
    if (info) return `the package ${info.name}@${info.version} (${relative(info.root, importer)})`;
  }
  return relative(projectDir, importer).split(sep).join('/');
}

/**
 * Resolves a specifier as esbuild would without the plugins that called it.
 * @param build the plugin build
 * @param path the specifier
 * @param args the original resolution's arguments
 */
export function resolveInner(build: PluginBuild, path: string, args: OnResolveArgs) {
  return build.resolve(path, {
    kind: args.kind,
    resolveDir: args.resolveDir,
    importer: args.importer,
    pluginData: INNER,
  });
}

// Next.js's words for `client-only` on the server (its webpack config), with the importer.
const CLIENT_ONLY =
  "'client-only' cannot be imported from a Server Component module. It should only be used from a Client Component.";

/**
 * `server-only` is an empty module, as on Next's server; `client-only` is Next's build error,
 * naming the importer.
 * @param projectDir the project folder, for error messages
 */
export function serverOnlyModules(projectDir: string): Plugin {
  return {
    name: 'approute-server-only',
    setup(build) {
      build.onResolve({ filter: /^(?:server-only|client-only)$/ }, (args) =>
        args.path === 'server-only'
          ? { path: 'server-only', namespace: 'approute-empty' }
          : {
              errors: [
                {
                  text: `${CLIENT_ONLY} (imported by ${importerLabel(args.importer, projectDir)})`,
                },
              ],
            },
      );
      build.onLoad({ filter: /.*/, namespace: 'approute-empty' }, () => ({
        contents: '',
        loader: 'js',
      }));
    },
  };
}

/** Where a supported `next/*` module comes from, for {@link nextModules}. */
export interface NextEntrySource {
  /** The specifier the generated module re-exports from (a file, or a link for the Node target). */
  specifier: string;
  /** The names approute's module exports. */
  names: readonly string[];
}

/** Namespace of the generated `next/*` modules; esbuild names it in "No matching export" errors. */
export const NEXT_NAMESPACE = 'approute-next';

/**
 * Every `next/*` import becomes a generated module that re-exports approute's entry by name, so
 * that a missing name is esbuild's "No matching export" error (see {@link explainNextErrors})
 * and CommonJS `require("next/headers")` gets the same instance as `import`. Any other `next`
 * import is a build error naming the importer (a deep `next/dist/…` import names its package).
 * @param projectDir the project folder, for error messages
 * @param source where each module's entry is and what it exports
 */
export function nextModules(
  projectDir: string,
  source: (module: NextModule, build: PluginBuild) => Promise<NextEntrySource>,
): Plugin {
  return {
    name: 'approute-next-modules',
    setup(build) {
      build.onResolve({ filter: ANY_NEXT_IMPORT }, (args) => {
        const module = nextModule(args.path);
        if (module === undefined)
          return {
            errors: [
              { text: unsupportedNextImport(args.path, importerLabel(args.importer, projectDir)) },
            ],
          };
        return { path: module, namespace: NEXT_NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NEXT_NAMESPACE }, async (args) => {
        const { specifier, names } = await source(args.path, build);
        return {
          contents: `export { ${names.join(', ')} } from ${JSON.stringify(specifier)};\n`,
          loader: 'js',
          resolveDir: projectDir,
        };
      });
    },
  };
}

/** An esbuild message, as far as {@link explainNextErrors} reads it. */
interface Message {
  text: string;
  location: { file: string } | null;
}

const NO_MATCHING_EXPORT = new RegExp(
  `^No matching export in "${NEXT_NAMESPACE}:(next/[a-z]+)" for import "([^"]+)"$`,
);

/**
 * Turns esbuild's "No matching export in "approute-next:next/server" for import "foo"" into the
 * approute message: who imports what, and what approute's module provides instead.
 * @param messages esbuild's errors (changed in place)
 * @param names what each module exports
 * @param projectDir the project folder
 */
export function explainNextErrors(
  messages: Message[],
  names: (module: NextModule) => readonly string[],
  projectDir: string,
): void {
  for (const message of messages) {
    const found = NO_MATCHING_EXPORT.exec(message.text);
    if (!found) continue;
    const module = found[1] ?? '';
    const importer = message.location?.file ?? '';
    message.text = missingNextExport(
      found[2] ?? '',
      module,
      names(module),
      importer.startsWith(sep) ? importerLabel(importer, projectDir) : importer,
    );
  }
}

/**
 * Resolves the project's own files (and the workspace packages' files) in the plugin, which
 * drops the `"type": "module"` esbuild reads from their package.json: a default import of a
 * CommonJS module that sets `__esModule` then gets `exports.default`, as Next's bundler gives it
 * in every project, where esbuild's Node mode would give `module.exports`. `.mjs`/`.mts` files
 * keep Node's semantics (esbuild decides those by extension).
 */
export const projectFiles: Plugin = {
  name: 'approute-project-files',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === INNER || !['file', 'approute'].includes(args.namespace))
        return undefined;
      if (inNodeModules(args.importer)) return undefined;
      const local =
        args.kind === 'entry-point' || /^[./]/.test(args.path) || args.path.startsWith('@/');
      if (!local) return undefined;
      const found = await resolveInner(build, args.path, args);
      if (found.errors.length > 0 || found.external || found.namespace !== 'file') return undefined;
      if (inNodeModules(found.path)) return undefined;
      return { path: found.path, sideEffects: found.sideEffects };
    });
  },
};

/**
 * For the web bundle: `require()` of a Node built-in inside bundled CommonJS code gets the
 * built-in from `process.getBuiltinModule()` (Node, Bun, Deno and workerd have it), since only
 * Bun defines `require` in an ES module: without it, next-auth fails with `Dynamic require of
 * "node:util" is not supported`. It stays lazy, as `require()` is: a runtime without the
 * built-in (edge-runtime) fails only when the code that requires it runs.
 */
export const builtinRequire: Plugin = {
  name: 'approute-builtin-require',
  setup(build) {
    build.onResolve({ filter: /^(?:node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (args.kind !== 'require-call' || !BUILTINS.has(name.split('/')[0] ?? '')) return undefined;
      return { path: name, namespace: 'approute-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'approute-builtin' }, (args) => {
      const id = JSON.stringify(`node:${args.path}`);
      return {
        contents: `const load = globalThis.process?.getBuiltinModule;
if (typeof load !== 'function') throw new Error(${JSON.stringify(`Dynamic require of "node:${args.path}" is not supported`)});
module.exports = load(${id});
`,
        loader: 'js',
      };
    });
  },
};

/**
 * Packages Next.js keeps external on the server by default (`serverExternalPackages`, from
 * next/dist/lib/server-external-packages.jsonc of Next 16.4.6): native addons and packages that
 * break when bundled. approute leaves them external too.
 */
export const NEXT_SERVER_EXTERNAL: ReadonlySet<string> = new Set(
  [
    '@alinea/generated @appsignal/nodejs @aws-sdk/client-s3 @aws-sdk/s3-presigned-post',
    '@blockfrost/blockfrost-js @highlight-run/node @huggingface/transformers',
    '@jpg-store/lucid-cardano @libsql/client @mikro-orm/core @mikro-orm/knex @node-rs/argon2',
    '@node-rs/bcrypt @prisma/client @react-pdf/renderer @sentry/profiling-node @sparticuz/chromium',
    '@sparticuz/chromium-min @statsig/statsig-node-core @swc/core @xenova/transformers',
    '@zenstackhq/runtime argon2 autoprefixer aws-crt bcrypt better-sqlite3 canvas',
    'chromadb-default-embed config cpu-features cypress dd-trace eslint express firebase-admin',
    'htmlrewriter import-in-the-middle isolated-vm jest jsdom keyv libsql mdx-bundler mongodb',
    'mongoose newrelic next-mdx-remote next-seo node-cron node-pty node-web-audio-api',
    'onnxruntime-node oslo pg pino pino-pretty pino-roll playwright playwright-core postcss',
    'prettier prisma puppeteer puppeteer-core ravendb require-in-the-middle rimraf sharp shiki',
    'sqlite3 thread-stream ts-morph ts-node typescript vscode-oniguruma webpack websocket zeromq',
  ]
    .join(' ')
    .split(' '),
);
