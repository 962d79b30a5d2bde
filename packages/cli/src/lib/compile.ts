// The Node target's compiler, in two layers (docs/architecture.md, "The import graph"):
// - the app layer: the route files, the project's modules and workspace packages, compiled as
//   Next compiles the app (and `transpilePackages`); rebuilt on every save in `dev`;
// - the dependency layer: every npm package the app layer imports, bundled once with what it
//   imports, as Next's server build bundles them, except Next's `serverExternalPackages` (and
//   the project's own list), which stay external. `dev` builds it again only when the app
//   starts importing a package it did not import before.
// Both layers map `next/*` to the one @approute/request the router uses, kept external.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  build,
  context,
  type BuildContext,
  type BuildOptions,
  type BuildResult,
  type Metafile,
  type OnResolveArgs,
  type Plugin,
  type PluginBuild,
} from 'esbuild';
import { compiledModulePath } from './build-output.js';
import { NEXT_ENTRIES, type NextModule } from './next-entries.js';
import { OutputLinks, REQUIRE_BANNER, isLink, type LinkKind } from './output-links.js';
import {
  explainNextErrors,
  inNodeModules,
  isBuiltin,
  NEXT_SERVER_EXTERNAL,
  nextModules,
  packageName,
  packageOf,
  projectFiles,
  resolveInner,
  serverOnlyModules,
  type NextEntrySource,
} from './route-graph.js';

/** How the project is compiled: the settings next.config and the command decide. */
export interface CompileSettings {
  /** The project folder. */
  projectDir: string;
  /** The build output folder (`.approute`, or `.approute/dev`). */
  outDir: string;
  /** The files to compile, relative to the project: the routes and `instrumentation.ts`. */
  files: readonly string[];
  /** Compile-time constants (`process.env.NODE_ENV`, next.config's `env`), as esbuild's `define`. */
  define?: Record<string, string>;
  /** Packages to keep external besides Next's defaults (next.config `serverExternalPackages`). */
  serverExternalPackages?: readonly string[];
  /** npm packages compiled with the app (next.config `transpilePackages`). */
  transpilePackages?: readonly string[];
  /**
   * Keep the dependency layer on disk between runs (`dev`): reused when the app imports the
   * same packages, no file bundled in it changed and the lockfile is the same.
   */
  reuseDependencies?: boolean;
}

/** What one compilation read and wrote. */
export interface Compilation {
  /** The app layer's metafile: the project's and workspace packages' files it read. */
  metafile: Metafile;
  /** Whether the dependency layer was built (again) for this compilation. */
  dependencies: boolean;
}

/** A compiler of the Node target: {@link NodeCompiler.compile} again after every change. */
export interface NodeCompiler {
  compile(): Promise<Compilation>;
  dispose(): Promise<void>;
}

/** What a failed compilation throws: esbuild's messages, with approute's where it has them. */
export class CompileError extends Error {
  override name = 'CompileError';
  readonly errors: BuildResult['errors'];
  readonly warnings: BuildResult['warnings'];

  /**
   * @param errors esbuild's errors
   * @param warnings esbuild's warnings
   */
  constructor(errors: BuildResult['errors'], warnings: BuildResult['warnings']) {
    const lines = errors.map((message) => {
      const at = message.location;
      return at
        ? `${at.file}:${String(at.line)}:${String(at.column)}: ERROR: ${message.text}`
        : `ERROR: ${message.text}`;
    });
    super(
      `Build failed with ${String(errors.length)} error${errors.length === 1 ? '' : 's'}:\n${lines.join('\n')}`,
    );
    this.errors = errors;
    this.warnings = warnings;
  }
}

interface RequestEntry extends NextEntrySource {
  file: string;
}

const entries = new Map<NextModule, Promise<RequestEntry>>();

/**
 * Where approute's module for a `next/*` module is, and what it exports: the @approute/request
 * this package depends on (the router's), loaded once to list its names.
 * @param module the `next/*` module
 */
export function requestEntry(module: NextModule): Promise<RequestEntry> {
  let entry = entries.get(module);
  if (entry === undefined) {
    const url = import.meta.resolve(`@approute/request/${NEXT_ENTRIES[module]}`);
    entry = import(url).then((namespace: object) => ({
      file: fileURLToPath(url),
      specifier: fileURLToPath(url),
      names: Object.keys(namespace).filter((name) => name !== 'default'),
    }));
    entries.set(module, entry);
  }
  return entry;
}

/**
 * Rethrows an esbuild failure as a {@link CompileError} with approute's messages.
 * @param error what esbuild threw
 * @param projectDir the project folder
 */
export async function explainFailure(error: unknown, projectDir: string): Promise<never> {
  const failure = error as Partial<BuildResult>;
  if (!Array.isArray(failure.errors)) throw error;
  const names = new Map<NextModule, readonly string[]>();
  for (const module of Object.keys(NEXT_ENTRIES))
    names.set(module, (await requestEntry(module)).names);
  explainNextErrors(failure.errors, (module) => names.get(module) ?? [], projectDir);
  throw new CompileError(failure.errors, failure.warnings ?? []);
}

const DEP = 'approute-dep';
const INNER_BARE = 'approute-bare';
const DEP_ENTRY = 'approute-dep-entry:';

/**
 * Creates the compiler of a project's Node target.
 * @param settings the project, output folder, files and next.config's settings
 */
export function createNodeCompiler(settings: CompileSettings): NodeCompiler {
  const { projectDir, outDir } = settings;
  const links = new OutputLinks(projectDir, outDir);
  const external = new Set([...NEXT_SERVER_EXTERNAL, ...(settings.serverExternalPackages ?? [])]);
  const transpile = new Set(settings.transpilePackages ?? []);
  // The dependency layer: one entry per resolved file an app-layer module imports.
  const dependencies = new Map<string, string>();
  let built: string | undefined;
  let app: BuildContext<BuildOptions & { metafile: true; write: false }> | undefined;

  const common: BuildOptions = {
    absWorkingDir: projectDir,
    outdir: outDir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Route handlers are in Next's server layer, which resolves `react-server` exports.
    conditions: ['react-server'],
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    charset: 'utf8',
    logLevel: 'silent',
    define: settings.define ?? {},
    banner: { js: REQUIRE_BANNER },
  };

  const bareFrom = new Map<string, Promise<string | undefined>>();
  // The bare specifier when the project folder resolves it to the same file (portable).
  const bareFor = (build: PluginBuild, specifier: string, file: string, kind: LinkKind) => {
    const key = `${kind}\0${specifier}\0${file}`;
    let found = bareFrom.get(key);
    if (found === undefined) {
      found = build
        .resolve(specifier, {
          kind: kind === 'require' ? 'require-call' : 'import-statement',
          resolveDir: projectDir,
          pluginData: INNER_BARE,
        })
        .then((result) =>
          result.errors.length === 0 && result.path === file ? specifier : undefined,
        );
      bareFrom.set(key, found);
    }
    return found;
  };

  const kindOf = (args: OnResolveArgs): LinkKind =>
    args.kind === 'require-call' || args.kind === 'require-resolve' ? 'require' : 'import';

  const nextSource = async (module: NextModule, build: PluginBuild): Promise<NextEntrySource> => {
    const entry = await requestEntry(module);
    const bare = await bareFor(
      build,
      `@approute/request/${NEXT_ENTRIES[module]}`,
      entry.file,
      'import',
    );
    return { names: entry.names, specifier: links.link('import', entry.file, bare) };
  };

  // What both layers keep external: links, @approute/request, Next's list, native addons.
  async function keepExternal(build: PluginBuild, args: OnResolveArgs) {
    if (isLink(args.path)) return { path: args.path, external: true };
    // The plugins' own resolutions (resolveInner, the bare check) resolve as esbuild does.
    if (args.pluginData !== undefined || isBuiltin(args.path)) return undefined;
    const name = packageName(args.path);
    if (name === '@approute/request') {
      // The router's copy; a subpath it does not export is esbuild's "Could not resolve".
      let file: string;
      try {
        file = fileURLToPath(import.meta.resolve(args.path));
      } catch {
        return undefined;
      }
      const kind = kindOf(args);
      return {
        path: links.link(kind, file, await bareFor(build, args.path, file, kind)),
        external: true,
      };
    }
    if (!external.has(name)) return undefined;
    const found = await resolveInner(build, args.path, args);
    if (found.errors.length > 0 || found.namespace !== 'file') return undefined;
    const kind = kindOf(args);
    const bare = await bareFor(build, args.path, found.path, kind);
    return { path: links.link(kind, found.path, bare), external: true };
  }

  const nativeAddons: Plugin = {
    name: 'approute-native-addons',
    setup(build) {
      // Links made by the other plugins (from any namespace) stay as they are until written.
      build.onResolve({ filter: /^approute-link:/ }, (args) => ({
        path: args.path,
        external: true,
      }));
      build.onResolve({ filter: /\.node$/ }, async (args) => {
        if (args.pluginData !== undefined) return undefined;
        const found = await resolveInner(build, args.path, args);
        if (found.errors.length > 0) return undefined;
        return { path: links.link('require', found.path), external: true };
      });
    },
  };

  const depOut = (file: string): string => {
    let out = dependencies.get(file);
    if (out === undefined) {
      const info = packageOf(file);
      const inside = info ? file.slice(info.root.length + 1) : file.replace(/^\//, '');
      const name = info ? `${info.name}@${info.version}` : 'unnamed';
      out = `${depsDir()}/${name}/${inside.replace(/\.[^./]+$/, '')}`;
      dependencies.set(file, out);
    }
    return out;
  };
  let generation = 0;
  const depsDir = () => `server/_deps/${String(generation)}`;

  const appGraph: Plugin = {
    name: 'approute-app-graph',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.namespace !== 'file' && args.namespace !== DEP) return undefined;
        const kept = await keepExternal(build, args);
        if (kept !== undefined || isBuiltin(args.path) || args.pluginData !== undefined)
          return kept;
        const found = await resolveInner(build, args.path, args);
        if (found.errors.length > 0 || found.external || found.namespace !== 'file')
          return undefined;
        // A workspace package (or one of transpilePackages) is compiled like the app's files.
        if (!inNodeModules(found.path) || transpile.has(packageName(args.path)))
          return { path: found.path, sideEffects: found.sideEffects };
        // `.cjs`: esbuild takes the generated module as CommonJS (a `.mjs` name would make it ESM).
        // Relative names: generated modules' names end up in the output, which must not hold
        // the build machine's paths.
        return { path: `${depOut(found.path)}.cjs`, namespace: DEP };
      });
      // A dependency is one CommonJS-shaped module to esbuild, so that a default import of a
      // package that sets `__esModule` gets `exports.default`, as Next's bundler gives it.
      build.onLoad({ filter: /.*/, namespace: DEP }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(links.link('require', join(outDir, args.path.replace(/\.cjs$/, '.mjs'))))}).default;\n`,
        loader: 'js',
      }));
    },
  };

  const depsGraph: Plugin = {
    name: 'approute-deps-graph',
    setup(build) {
      // `.cjs` on the generated module's name: esbuild takes it as CommonJS whatever the file.
      build.onResolve({ filter: /^approute-dep-entry:/ }, (args) => ({
        path: `${relative(projectDir, args.path.slice(DEP_ENTRY.length))}.cjs`,
        namespace: 'approute-dep-entry',
      }));
      // Each entry re-exports its file as esbuild's CommonJS view of it: `module.exports` of a
      // CommonJS module, the namespace (with `__esModule`) of an ES module.
      build.onLoad({ filter: /.*/, namespace: 'approute-dep-entry' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(`./${args.path.slice(0, -'.cjs'.length)}`)});\n`,
        loader: 'js',
        resolveDir: projectDir,
      }));
      build.onResolve({ filter: /^[^./]/ }, (args) => keepExternal(build, args));
    },
  };

  const shared = [serverOnlyModules(projectDir), nextModules(projectDir, nextSource)];

  const appOptions = (): BuildOptions & { metafile: true; write: false } => ({
    ...common,
    entryPoints: settings.files.map((file) => ({
      in: join(projectDir, file),
      out: compiledModulePath(file).slice(0, -'.mjs'.length),
    })),
    chunkNames: 'server/_chunks/[name]-[hash]',
    // JSX as Next.js compiles it (ImageResponse takes React elements): the automatic runtime
    // (`react/jsx-runtime`), in .js files too.
    jsx: 'automatic',
    loader: { '.js': 'jsx' },
    metafile: true,
    write: false,
    plugins: [...shared, projectFiles, nativeAddons, appGraph],
  });

  async function buildDependencies(): Promise<Metafile> {
    const result = await build({
      ...common,
      entryPoints: [...dependencies].map(([file, out]) => ({ in: `${DEP_ENTRY}${file}`, out })),
      chunkNames: `${depsDir()}/_chunks/[name]-[hash]`,
      // The packages' own sources are in node_modules: the maps point there.
      sourcesContent: false,
      metafile: true,
      write: false,
      plugins: [...shared, nativeAddons, depsGraph],
    }).catch((error: unknown) => explainFailure(error, projectDir));
    await links.write(result.outputFiles);
    return result.metafile;
  }

  // What the dependency layer is made of: the files the app imports, how they are compiled,
  // and the lockfiles (a package upgraded in place changes its lockfile).
  const settingsKey = JSON.stringify([
    settings.define ?? {},
    [...external].sort(),
    common.conditions,
    lockfileStamps(projectDir),
  ]);
  const keyOf = () =>
    createHash('sha256')
      .update(settingsKey)
      .update([...dependencies.keys()].sort().join('\n'))
      .digest('hex');
  const statePath = join(outDir, 'server', '_deps', 'state.json');
  let restored = !settings.reuseDependencies;

  // The layer a previous run left, if it still fits; its generation decides the paths.
  async function restore(): Promise<DependencyState | undefined> {
    restored = true;
    const state = await readJson<DependencyState>(statePath);
    if (state === undefined) return undefined;
    generation = state.generation;
    // Layers older than the last one are not loaded by anything any more.
    const folder = dirname(statePath);
    for (const name of await readdir(folder).catch(() => [] as string[]))
      if (/^\d+$/.test(name) && Number(name) < generation)
        await rm(join(folder, name), { recursive: true, force: true });
    return state;
  }

  async function remember(metafile: Metafile, key: string): Promise<void> {
    if (!settings.reuseDependencies) return;
    const inputs: Record<string, number> = {};
    for (const input of Object.keys(metafile.inputs)) {
      if (input.includes(':')) continue;
      inputs[input] = (await stat(join(projectDir, input)).catch(() => undefined))?.mtimeMs ?? 0;
    }
    const state: DependencyState = { key, generation, inputs };
    await writeFile(statePath, `${JSON.stringify(state)}\n`);
  }

  async function rebuild() {
    dependencies.clear();
    app ??= await context(appOptions());
    return app.rebuild().catch((error: unknown) => explainFailure(error, projectDir));
  }

  return {
    async compile() {
      const previous = restored ? undefined : await restore();
      let result = await rebuild();
      let key = keyOf();
      if (previous) {
        const fits = previous.key === key && (await unchanged(projectDir, previous.inputs));
        built = fits ? key : `stale:${previous.key}`;
      }
      const changed = key !== built;
      if (changed) {
        // Other dependencies than the layer on disk has: a fresh layer in a new folder, so that
        // modules loaded from the old one (in `dev`) are not overwritten under their feet.
        if (built !== undefined) {
          generation += 1;
          result = await rebuild();
          key = keyOf();
        }
        if (dependencies.size > 0) await remember(await buildDependencies(), key);
        built = key;
      }
      await links.write(result.outputFiles);
      return { metafile: result.metafile, dependencies: changed };
    },
    async dispose() {
      await app?.dispose();
      app = undefined;
    },
  };
}

/** What `dev` keeps about the dependency layer on disk between runs. */
interface DependencyState {
  key: string;
  generation: number;
  /** Every file bundled in it (relative to the project) and its modification time. */
  inputs: Record<string, number>;
}

const LOCKFILES = ['pnpm-lock.yaml', 'package-lock.json', 'yarn.lock', 'bun.lock', 'bun.lockb'];

// The lockfiles of the project and the folders above it (a workspace's is at its root).
function lockfileStamps(projectDir: string): string[] {
  const stamps: string[] = [];
  for (let dir = projectDir; dir !== dirname(dir); dir = dirname(dir))
    for (const name of LOCKFILES) {
      const path = join(dir, name);
      if (existsSync(path)) stamps.push(`${path}:${String(statSync(path).mtimeMs)}`);
    }
  return stamps;
}

async function unchanged(projectDir: string, inputs: Record<string, number>): Promise<boolean> {
  const entries = Object.entries(inputs);
  const now = await Promise.all(
    entries.map(([input]) =>
      stat(join(projectDir, input)).then(
        (s) => s.mtimeMs,
        () => -1,
      ),
    ),
  );
  return entries.every(([, mtime], index) => now[index] === mtime);
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * The source files a compilation read, as absolute paths (for staleness checks and watching).
 * @param metafile what esbuild reported
 * @param projectDir the project folder the compilation ran in
 */
export function inputsOf(metafile: Metafile, projectDir: string): string[] {
  return Object.keys(metafile.inputs)
    .filter((input) => !input.includes(':') && !input.includes('node_modules'))
    .map((input) => join(projectDir, input));
}

/**
 * Compiles the project's files once (`approute build`).
 * @param settings the project, output folder, files and next.config's settings
 */
export async function compileProject(settings: CompileSettings): Promise<Metafile> {
  await rm(join(settings.outDir, 'server'), { recursive: true, force: true });
  const compiler = createNodeCompiler(settings);
  try {
    return (await compiler.compile()).metafile;
  } finally {
    await compiler.dispose();
  }
}
