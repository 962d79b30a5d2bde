// The compiled routes of `approute dev`: one incremental esbuild context per route file (the
// app layer of compile.ts), so that a route that fails to compile answers its own error while
// every other route keeps working, and a save rebuilds only the routes that import the saved
// file. The npm packages they import are one shared dependency layer, built again only when a
// route imports a package no route imported before (then every route compiles again, pointing
// at the new layer). Each compiled module is loaded at a URL carrying its content hash: an
// unchanged route keeps its module (and its state), a changed one is imported afresh.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ManifestRoute, RouteModule } from '@approute/router';
import { compiledModulePath } from './build-output.js';
import { CompileError } from './compile-errors.js';
import {
  createRouteCompiler,
  DependencyLayer,
  explainFailure,
  inputsOf,
  type AppCompiler,
  type CompileSettings,
} from './compile.js';
import { explainLoadError } from './load-errors.js';

interface RouteState {
  compiler: Promise<AppCompiler>;
  /** The files its last successful compilation read (absolute), and those its errors name. */
  inputs: Set<string>;
  /** The content hash of its compiled module, once compiled. */
  version?: string;
  /** Why its last compilation failed. */
  error?: CompileError | Error;
}

/** How one route's compilation went. */
export type RouteBuildResult =
  | { file: string; ok: true; changed: boolean }
  | { file: string; ok: false; error: CompileError | Error };

/** The routes `dev` compiles, each with its own incremental compiler. */
export class DevRoutes {
  readonly #projectDir: string;
  readonly #outDir: string;
  readonly #settings: CompileSettings;
  readonly #layer: DependencyLayer;
  #restored: Promise<void> | undefined;
  readonly #routes = new Map<string, RouteState>();
  /** The hash of each output file as last written, so that unchanged files are not rewritten. */
  readonly #written = new Map<string, string>();

  /**
   * @param settings the project, where the compiled modules go (`.approute/dev`), and
   *   next.config's settings; the dependency layer is kept between runs
   */
  constructor(settings: CompileSettings) {
    this.#settings = { ...settings, reuseDependencies: true };
    this.#projectDir = settings.projectDir;
    this.#outDir = settings.outDir;
    this.#layer = new DependencyLayer(this.#settings);
  }

  /**
   * Keeps a compiler for exactly these route files: new ones get one, gone ones are disposed.
   * @param files the route files, relative to the project
   * @returns the files added
   */
  async sync(files: readonly string[]): Promise<string[]> {
    const wanted = new Set(files);
    const gone = [...this.#routes.keys()].filter((file) => !wanted.has(file));
    await Promise.all(gone.map((file) => this.#drop(file)));
    const added = files.filter((file) => !this.#routes.has(file));
    for (const file of added) {
      const compiler = createRouteCompiler(this.#settings, this.#layer, file);
      // A compiler that fails to start fails its first rebuild; nothing waits on it before.
      compiler.catch(() => undefined);
      this.#routes.set(file, { compiler, inputs: new Set() });
    }
    return added;
  }

  /** Disposes every compiler, so that the next {@link sync} starts afresh (tsconfig changed). */
  async reset(): Promise<void> {
    await Promise.all([...this.#routes.keys()].map((file) => this.#drop(file)));
  }

  async #drop(file: string): Promise<void> {
    const state = this.#routes.get(file);
    this.#routes.delete(file);
    this.#layer.forget(file);
    await state?.compiler.then(
      (compiler) => compiler.dispose(),
      () => undefined,
    );
  }

  /** Every route file that has a compiler. */
  files(): string[] {
    return [...this.#routes.keys()];
  }

  /**
   * The routes a change of these files concerns: those that read one of them, and those
   * whose last compilation failed (a new or fixed file may be what they lacked).
   * @param paths absolute paths
   */
  affectedBy(paths: readonly string[]): string[] {
    return [...this.#routes].flatMap(([file, state]) =>
      state.error !== undefined || paths.some((path) => state.inputs.has(path)) ? [file] : [],
    );
  }

  /** Every file the routes read, absolute. */
  inputs(): Set<string> {
    const all = new Set<string>();
    for (const state of this.#routes.values()) for (const input of state.inputs) all.add(input);
    return all;
  }

  /**
   * Compiles these routes again, all at once; then the dependency layer when the routes import
   * other packages than it holds (every route compiling again, to point at the new one).
   * @param files route files, relative to the project
   */
  async rebuild(files: readonly string[]): Promise<RouteBuildResult[]> {
    this.#restored ??= this.#layer.restore();
    await this.#restored;
    let results = await Promise.all(files.map((file) => this.#rebuild(file)));
    const state = await this.#layer.state();
    if (state === 'fresh') return results;
    if (state === 'relocate') {
      this.#layer.relocate();
      const all = await Promise.all(this.files().map((file) => this.#rebuild(file)));
      const asked = new Set(files);
      results = all.filter((result) => asked.has(result.file));
    }
    await this.#layer.build();
    return results;
  }

  async #rebuild(file: string): Promise<RouteBuildResult> {
    const state = this.#routes.get(file);
    if (!state) return { file, ok: false, error: new Error(`No compiler for ${file}.`) };
    const before = this.#layer.forget(file);
    try {
      const result = await (await state.compiler).rebuild();
      let version: string | undefined;
      const fresh = result.outputFiles.filter(
        (output) => this.#written.get(output.path) !== output.hash,
      );
      await this.#layer.links.write(fresh);
      for (const output of result.outputFiles) {
        this.#written.set(output.path, output.hash);
        if (output.path.endsWith('.mjs')) version = output.hash;
      }
      state.inputs = new Set(inputsOf(result.metafile, this.#projectDir));
      const changed = version !== state.version;
      state.version = version;
      state.error = undefined;
      return { file, ok: true, changed };
    } catch (failure) {
      // A route that does not compile keeps the packages it imported: no new layer for that.
      this.#layer.keep(file, before);
      const error = await explainFailure(failure, this.#projectDir);
      state.error = error instanceof Error ? error : new Error(String(error));
      state.version = undefined;
      if (error instanceof CompileError) {
        for (const problem of error.problems) {
          if (problem.file) state.inputs.add(resolve(problem.file));
        }
      }
      return { file, ok: false, error: state.error };
    }
  }

  /**
   * Loads a route's compiled module, or rejects with why there is none (its compile error).
   * @param route the manifest route
   */
  async load(route: ManifestRoute): Promise<RouteModule> {
    return (await this.import(route.file)) as RouteModule;
  }

  /**
   * Loads the compiled module of a file this compiles (a route, `instrumentation.ts`).
   * @param file the file, relative to the project
   */
  async import(file: string): Promise<unknown> {
    const state = this.#routes.get(file);
    if (state?.error) throw state.error;
    if (state?.version === undefined) throw new Error(`${file} is not compiled yet.`);
    const url = pathToFileURL(join(this.#outDir, compiledModulePath(file)));
    try {
      return (await import(`${url.href}?v=${state.version}`)) as unknown;
    } catch (error) {
      throw await explainLoadError(error, file, this.#projectDir);
    }
  }

  /** Disposes every compiler. */
  async dispose(): Promise<void> {
    await this.reset();
  }
}
