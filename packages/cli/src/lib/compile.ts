// The Node target's compiler, in two layers (docs/architecture.md, "The import graph"):
// - the app layer: the route files, the project's modules and workspace packages, compiled as
//   Next compiles the app (and `transpilePackages`). `approute build` compiles every route in
//   one build (shared modules in `server/_chunks/`); `dev` keeps one compiler per route
//   (dev-routes.ts) and rebuilds only those a save concerns;
// - the dependency layer (`DependencyLayer`): every npm package the app layer imports, bundled
//   once with what it imports, as Next's server build bundles them, except Next's
//   `serverExternalPackages` (and the project's own list), which stay external. `dev` builds it
//   again only when the app starts importing a package it did not import before, and keeps it
//   on disk between runs.
// Both layers map `next/*` to the one @approute/request the router uses, kept external; a
// CommonJS `require()` of it (or of a bundled dependency) loads the ES module through Node
// ≥ 20.19's `require(esm)`, which returns the instance `import` gives.
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
  type Message,
  type Metafile,
  type OnResolveArgs,
  type OutputFile,
  type Plugin,
  type PluginBuild,
} from 'esbuild';
import { compiledModulePath } from './build-output.js';
import { compileError } from './compile-errors.js';
import { installCommand } from './load-errors.js';
import { NEXT_ENTRIES, type NextModule } from './next-entries.js';
import { OutputLinks, REQUIRE_BANNER, isLink, type LinkKind } from './output-links.js';
import { useCachePlugin } from './use-cache.js';
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
  /** Compile-time constants (`process.env.NODE_ENV`, next.config's `env`), as esbuild's `define`. */
  define?: Record<string, string>;
  /** Packages to keep external besides Next's defaults (next.config `serverExternalPackages`). */
  serverExternalPackages?: readonly string[];
  /** npm packages compiled with the app (next.config `transpilePackages`). */
  transpilePackages?: readonly string[];
  /**
   * Keep the dependency layer on disk between runs (`dev`): reused when the app imports the
   * same packages, no file bundled in it changed and the lockfiles are the same.
   */
  reuseDependencies?: boolean;
  /** Cache Components: `'use cache'` functions are compiled (an error without it). */
  cacheComponents?: boolean;
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
    const url = import.meta.resolve(`@approute/request/${NEXT_ENTRIES[module] ?? ''}`);
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
 * The error to show for an esbuild failure: approute's messages where it has them (a name a
 * `next/*` module does not export), then each error with its place and code frame
 * (`compileError`). Any other error is returned as it is.
 * @param error what esbuild rejected with
 * @param projectDir the project folder
 */
export async function explainFailure(error: unknown, projectDir: string): Promise<unknown> {
  const messages = (error as { errors?: unknown } | null)?.errors;
  if (Array.isArray(messages)) {
    const names = new Map<NextModule, readonly string[]>();
    for (const module of Object.keys(NEXT_ENTRIES))
      names.set(module, (await requestEntry(module)).names);
    explainNextErrors(
      messages as Parameters<typeof explainNextErrors>[0],
      (module) => names.get(module) ?? [],
      projectDir,
    );
    for (const message of messages as Message[]) await explainMissingPackage(message, projectDir);
  }
  return compileError(error, projectDir);
}

const COULD_NOT_RESOLVE = /^Could not resolve "([^"]+)"$/;

// esbuild's "Could not resolve" of a package that no node_modules above the importer holds:
// which file imports it, and the command that installs it.
async function explainMissingPackage(message: Message, projectDir: string): Promise<void> {
  const specifier = COULD_NOT_RESOLVE.exec(message.text)?.[1];
  const file = message.location?.file;
  if (specifier === undefined || file === undefined || /^(?:\.|\/|[a-z]+:)/i.test(specifier))
    return;
  const name = packageName(specifier);
  for (let dir = dirname(join(projectDir, file)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name))) return;
    if (dirname(dir) === dir) break;
  }
  message.text =
    `${file} imports "${specifier}", but the package ${name} is not installed in this ` +
    `project. Install it: ${await installCommand(projectDir, name)}`;
  message.notes = [];
}

const DEP = 'approute-dep';
const DEP_ENTRY = 'approute-dep-entry:';
const INNER_BARE = 'approute-bare';
const kindOf = (args: OnResolveArgs): LinkKind =>
  args.kind === 'require-call' || args.kind === 'require-resolve' ? 'require' : 'import';

/** What `dev` keeps about the dependency layer on disk between runs. */
interface DependencyState {
  key: string;
  generation: number;
  /** Every file bundled in it (relative to the project) and its modification time. */
  inputs: Record<string, number>;
}

/**
 * The dependency layer of a project: every npm file the app layer imports, one entry each,
 * bundled together (`splitting`), so that a package the app and a bundled package both import
 * exists once. App-layer compilations register what they import (per owner: a route in `dev`);
 * {@link DependencyLayer.stale} says when the layer on disk no longer fits.
 */
export class DependencyLayer {
  /** How every output of both layers links to what stays outside it. */
  readonly links: OutputLinks;
  readonly #settings: CompileSettings;
  readonly #external: Set<string>;
  readonly #transpile: Set<string>;
  readonly #owners = new Map<string, Set<string>>();
  readonly #bare = new Map<string, Promise<string | undefined>>();
  #generation = 0;
  #built: string | undefined;
  #previous: DependencyState | undefined;
  readonly #common: BuildOptions;
  readonly #statePath: string;

  /** @param settings the project, output folder and next.config's settings */
  constructor(settings: CompileSettings) {
    this.#settings = settings;
    this.links = new OutputLinks(settings.projectDir, settings.outDir);
    this.#external = new Set([...NEXT_SERVER_EXTERNAL, ...(settings.serverExternalPackages ?? [])]);
    this.#transpile = new Set(settings.transpilePackages ?? []);
    this.#statePath = join(settings.outDir, 'server', '_deps', 'state.json');
    this.#common = {
      absWorkingDir: settings.projectDir,
      outdir: settings.outDir,
      bundle: true,
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
  }

  /** The esbuild options both layers share. */
  get common(): BuildOptions {
    return this.#common;
  }

  get #folder(): string {
    return `server/_deps/${String(this.#generation)}`;
  }

  /**
   * Where an npm file's module is in the layer (relative to the output folder, without `.mjs`),
   * recorded as imported by `owner`.
   * @param owner who imports it (a route file in `dev`, `app` for a build)
   * @param file the resolved file
   */
  place(owner: string, file: string): string {
    let files = this.#owners.get(owner);
    if (files === undefined) this.#owners.set(owner, (files = new Set()));
    files.add(file);
    return this.#outOf(file);
  }

  #outOf(file: string): string {
    const info = packageOf(file);
    const inside = info ? file.slice(info.root.length + 1) : file.replace(/^\//, '');
    const name = info ? `${info.name}@${info.version}` : 'unnamed';
    return `${this.#folder}/${name}/${inside.replace(/\.[^./]+$/, '')}`;
  }

  /**
   * Forgets what an owner imports, before it compiles again (or when it is gone).
   * @param owner the owner
   * @returns what it imported, for {@link keep} when its compilation fails
   */
  forget(owner: string): Set<string> | undefined {
    const files = this.#owners.get(owner);
    this.#owners.delete(owner);
    return files;
  }

  /**
   * Records what an owner imports again (its compilation failed: it keeps what it had).
   * @param owner the owner
   * @param files what {@link forget} returned
   */
  keep(owner: string, files: Set<string> | undefined): void {
    if (files === undefined) this.#owners.delete(owner);
    else this.#owners.set(owner, files);
  }

  #files(): string[] {
    const all = new Set<string>();
    for (const files of this.#owners.values()) for (const file of files) all.add(file);
    return [...all].sort();
  }

  #key(): string {
    return createHash('sha256')
      .update(
        JSON.stringify([
          this.#settings.define ?? {},
          [...this.#external].sort(),
          this.#common.conditions,
          lockfileStamps(this.#settings.projectDir),
        ]),
      )
      .update(this.#files().join('\n'))
      .digest('hex');
  }

  /**
   * Reads what a previous run left (`reuseDependencies`): its generation decides the folder
   * the app layer points at, and older folders are removed.
   */
  async restore(): Promise<void> {
    if (!this.#settings.reuseDependencies) return;
    const state = await readJson<DependencyState>(this.#statePath);
    if (state === undefined) return;
    this.#previous = state;
    this.#generation = state.generation;
    const folder = dirname(this.#statePath);
    for (const name of await readdir(folder).catch(() => [] as string[]))
      if (/^\d+$/.test(name) && Number(name) < state.generation)
        await rm(join(folder, name), { recursive: true, force: true });
  }

  /**
   * Whether the layer on disk does not fit what the app layer imports now. When it was built
   * (or kept from a previous run) for other imports, {@link relocate} first: the app layer must
   * then compile again, pointing at the new folder.
   * @returns `fresh`, `build` (none yet: build it where the app layer points) or `relocate`
   */
  async state(): Promise<'fresh' | 'build' | 'relocate'> {
    const key = this.#key();
    if (this.#previous) {
      const previous = this.#previous;
      this.#previous = undefined;
      if (previous.key === key && (await unchanged(this.#settings.projectDir, previous.inputs))) {
        this.#built = key;
        return 'fresh';
      }
      this.#built = `stale:${previous.key}`;
    }
    if (key === this.#built) return 'fresh';
    return this.#built === undefined ? 'build' : 'relocate';
  }

  /**
   * Moves the layer to a new folder, so that modules loaded from the old one (in `dev`) are
   * not overwritten under their feet.
   */
  relocate(): void {
    this.#generation += 1;
  }

  /** Bundles every file the app layer imports into the current folder. */
  async build(): Promise<void> {
    const files = this.#files();
    const key = this.#key();
    if (files.length > 0) {
      const result = await build({
        ...this.#common,
        splitting: true,
        entryPoints: files.map((file) => ({ in: `${DEP_ENTRY}${file}`, out: this.#outOf(file) })),
        chunkNames: `${this.#folder}/_chunks/[name]-[hash]`,
        // The packages' own sources are in node_modules: the maps point there.
        sourcesContent: false,
        metafile: true,
        write: false,
        plugins: [...this.sharedPlugins(), this.#graph()],
      }).catch(async (error: unknown) => {
        throw await explainFailure(error, this.#settings.projectDir);
      });
      await this.links.write(result.outputFiles);
      await this.#remember(result.metafile, key);
    }
    this.#built = key;
  }

  async #remember(metafile: Metafile, key: string): Promise<void> {
    if (!this.#settings.reuseDependencies) return;
    const inputs: Record<string, number> = {};
    for (const input of Object.keys(metafile.inputs)) {
      if (input.includes(':')) continue;
      inputs[input] =
        (await stat(join(this.#settings.projectDir, input)).catch(() => undefined))?.mtimeMs ?? 0;
    }
    const state: DependencyState = { key, generation: this.#generation, inputs };
    await writeFile(this.#statePath, `${JSON.stringify(state)}\n`);
  }

  // The bare specifier when the project folder resolves it to the same file (portable).
  #bareFor(build: PluginBuild, specifier: string, file: string, kind: LinkKind) {
    const key = `${kind}\0${specifier}\0${file}`;
    let found = this.#bare.get(key);
    if (found === undefined) {
      found = build
        .resolve(specifier, {
          kind: kind === 'require' ? 'require-call' : 'import-statement',
          resolveDir: this.#settings.projectDir,
          pluginData: INNER_BARE,
        })
        .then((result) =>
          result.errors.length === 0 && result.path === file ? specifier : undefined,
        );
      this.#bare.set(key, found);
    }
    return found;
  }

  // What both layers keep external: links, @approute/request, Next's list.
  async #keepExternal(build: PluginBuild, args: OnResolveArgs) {
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
      const bare = await this.#bareFor(build, args.path, file, kind);
      return { path: this.links.link(kind, file, bare), external: true };
    }
    if (!this.#external.has(name)) return undefined;
    const found = await resolveInner(build, args.path, args);
    if (found.errors.length > 0 || found.namespace !== 'file') return undefined;
    const kind = kindOf(args);
    const bare = await this.#bareFor(build, args.path, found.path, kind);
    return { path: this.links.link(kind, found.path, bare), external: true };
  }

  /** The plugins both layers start with: server-only, next/*, links, native addons. */
  sharedPlugins(): Plugin[] {
    const { projectDir } = this.#settings;
    const nextSource = async (module: NextModule, build: PluginBuild) => {
      const entry = await requestEntry(module);
      const name = `@approute/request/${NEXT_ENTRIES[module] ?? ''}`;
      const bare = await this.#bareFor(build, name, entry.file, 'import');
      return { names: entry.names, specifier: this.links.link('import', entry.file, bare) };
    };
    const links = this.links;
    const bareFor = (build: PluginBuild, specifier: string, file: string) =>
      this.#bareFor(build, specifier, file, 'import');
    const linksAndAddons: Plugin = {
      name: 'approute-links',
      setup(build) {
        // What the 'use cache' transform imports: the router's @approute/request.
        build.onResolve({ filter: /^approute:use-cache$/ }, async () => {
          const specifier = '@approute/request/internal';
          const file = fileURLToPath(import.meta.resolve(specifier));
          return {
            path: links.link('import', file, await bareFor(build, specifier, file)),
            external: true,
          };
        });
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
    return [serverOnlyModules(projectDir), nextModules(projectDir, nextSource), linksAndAddons];
  }

  /**
   * The app layer's own plugin: a workspace package (or one of `transpilePackages`) is
   * compiled like the app's files; an npm package becomes a CommonJS-shaped module requiring
   * its file in this layer, so that a default import of a package that sets `__esModule` gets
   * `exports.default`, as Next's bundler gives it.
   * @param owner who the compilation is for (a route file in `dev`, `app` for a build)
   */
  appGraph(owner: string): Plugin {
    const { outDir } = this.#settings;
    const links = this.links;
    const transpile = this.#transpile;
    const keepExternal = (build: PluginBuild, args: OnResolveArgs) =>
      this.#keepExternal(build, args);
    const place = (file: string) => this.place(owner, file);
    return {
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
          if (!inNodeModules(found.path) || transpile.has(packageName(args.path)))
            return { path: found.path, sideEffects: found.sideEffects };
          // `.cjs`: esbuild takes the generated module as CommonJS; a relative name, because
          // generated modules' names end up in the output, which holds no absolute path.
          return { path: `${place(found.path)}.cjs`, namespace: DEP };
        });
        build.onLoad({ filter: /.*/, namespace: DEP }, (args) => {
          const target = links.link('require', join(outDir, args.path.replace(/\.cjs$/, '.mjs')));
          return {
            contents: `module.exports = require(${JSON.stringify(target)}).default;\n`,
            loader: 'js',
          };
        });
      },
    };
  }

  // The dependency layer's own plugin: each entry re-exports its file as esbuild's CommonJS
  // view of it (`module.exports` of a CommonJS module, the namespace, with `__esModule`, of an
  // ES one); bare imports inside it are bundled unless kept external.
  #graph(): Plugin {
    const { projectDir } = this.#settings;
    const keepExternal = (build: PluginBuild, args: OnResolveArgs) =>
      this.#keepExternal(build, args);
    return {
      name: 'approute-deps-graph',
      setup(build) {
        build.onResolve({ filter: /^approute-dep-entry:/ }, (args) => ({
          path: `${relative(projectDir, args.path.slice(DEP_ENTRY.length))}.cjs`,
          namespace: 'approute-dep-entry',
        }));
        build.onLoad({ filter: /.*/, namespace: 'approute-dep-entry' }, (args) => ({
          contents: `module.exports = require(${JSON.stringify(`./${args.path.slice(0, -'.cjs'.length)}`)});\n`,
          loader: 'js',
          resolveDir: projectDir,
        }));
        build.onResolve({ filter: /^[^./]/ }, (args) => keepExternal(build, args));
      },
    };
  }
}

/** The esbuild context of an app-layer compilation (write: false: outputs go through links). */
export type AppCompiler = BuildContext<BuildOptions & { metafile: true; write: false }>;

/**
 * The app layer's esbuild options for some files.
 * @param settings the project and output folder
 * @param layer the dependency layer it points at
 * @param files the files, relative to the project
 * @param owner who the compilation is for
 * @param splitting share modules between the files in chunks (a build of every route)
 */
function appOptions(
  settings: CompileSettings,
  layer: DependencyLayer,
  files: readonly string[],
  owner: string,
  splitting: boolean,
): BuildOptions & { metafile: true; write: false } {
  return {
    ...layer.common,
    entryPoints: files.map((file) => ({
      in: join(settings.projectDir, file),
      out: compiledModulePath(file).slice(0, -'.mjs'.length),
    })),
    splitting,
    ...(splitting ? { chunkNames: 'server/_chunks/[name]-[hash]' } : {}),
    // JSX as Next.js compiles it (ImageResponse takes React elements): the automatic runtime
    // (`react/jsx-runtime`), in .js files too.
    jsx: 'automatic',
    loader: { '.js': 'jsx' },
    metafile: true,
    write: false,
    plugins: [
      ...layer.sharedPlugins(),
      projectFiles,
      layer.appGraph(owner),
      useCachePlugin(settings.projectDir, settings.cacheComponents ?? false),
    ],
  };
}

/**
 * An incremental compiler for one file of the app layer, for `dev` (dev-routes.ts): rebuilds in
 * milliseconds after a change and hands its output back (with a hash) instead of writing it.
 * A failed `rebuild()` rejects with esbuild's failure: see {@link explainFailure}.
 * @param settings the project and output folder
 * @param layer the dependency layer every route of the app shares
 * @param file the route file (or `instrumentation.ts`), relative to the project
 */
export function createRouteCompiler(
  settings: CompileSettings,
  layer: DependencyLayer,
  file: string,
): Promise<AppCompiler> {
  return context(appOptions(settings, layer, [file], file, false));
}

/**
 * Compiles the project's files once (`approute build`): every route in one app-layer build
 * (modules shared between routes are one instance, as in Next's server build), then the
 * dependency layer, every output written with its links.
 * @param settings the project, output folder and next.config's settings
 * @param files the routes and `instrumentation.ts`, relative to the project
 * @returns the app layer's metafile (the project's and workspace packages' files it read)
 */
export async function compileProject(
  settings: CompileSettings,
  files: readonly string[],
): Promise<Metafile> {
  await rm(join(settings.outDir, 'server'), { recursive: true, force: true });
  const layer = new DependencyLayer(settings);
  const result = await build(appOptions(settings, layer, files, 'app', true)).catch(
    async (error: unknown) => {
      throw await explainFailure(error, settings.projectDir);
    },
  );
  if ((await layer.state()) !== 'fresh') await layer.build();
  await layer.links.write(result.outputFiles);
  return result.metafile;
}

/**
 * Writes app-layer outputs with their links.
 * @param layer the dependency layer (its links)
 * @param files esbuild's output files
 */
export function writeOutputs(layer: DependencyLayer, files: readonly OutputFile[]): Promise<void> {
  return layer.links.write(files);
}

/** Stops esbuild's service process once nothing more will be compiled (`approute start`). */
export { stop as stopCompiler } from 'esbuild';

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
        (found) => found.mtimeMs,
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
