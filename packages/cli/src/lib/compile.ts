import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  build,
  context,
  type BuildContext,
  type BuildOptions,
  type Metafile,
  type Plugin,
} from 'esbuild';

import { compiledModulePath } from './build-output.js';
import { compileError } from './compile-errors.js';
import { ANY_NEXT_IMPORT, nextEntry, unsupportedNextImport } from './next-entries.js';

/**
 * Points `next/*` imports at the one installed copy of `@approute/request`, kept external so
 * that every route and the router share one request scope.
 */
const nextEntries: Plugin = {
  name: 'approute-next-entries',
  setup(pluginBuild) {
    const resolved = new Map<string, string>();
    pluginBuild.onResolve({ filter: ANY_NEXT_IMPORT }, (args) => {
      const entry = nextEntry(args.path);
      if (entry === undefined) return { errors: [{ text: unsupportedNextImport(args.path) }] };
      let path = resolved.get(entry);
      if (path === undefined) {
        path = pathToFileURL(fileURLToPath(import.meta.resolve(`@approute/request/${entry}`))).href;
        resolved.set(entry, path);
      }
      return { path, external: true };
    });
  },
};

function options(
  projectDir: string,
  files: readonly string[],
  outDir: string,
): BuildOptions & { metafile: true } {
  return {
    entryPoints: files.map((file) => ({
      in: join(projectDir, file),
      out: compiledModulePath(file).slice(0, -'.mjs'.length),
    })),
    outdir: outDir,
    absWorkingDir: projectDir,
    bundle: true,
    // Dependencies stay imports, resolved from the project's node_modules at run time.
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    logLevel: 'silent',
    metafile: true,
    // JSX as Next.js compiles it (ImageResponse takes React elements): the automatic runtime
    // (`react/jsx-runtime`), in .js files too.
    jsx: 'automatic',
    loader: { '.js': 'jsx' },
    plugins: [nextEntries],
  };
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
 * Compiles route files to one ES module each under `outDir` (see {@link compiledModulePath}).
 * @param projectDir the project folder
 * @param files the route files, relative to the project
 * @param outDir the output folder
 */
export async function compileRoutes(
  projectDir: string,
  files: readonly string[],
  outDir: string,
): Promise<Metafile> {
  try {
    const result = await build(options(projectDir, files, outDir));
    return result.metafile;
  } catch (error) {
    throw await compileError(error, projectDir);
  }
}

/** The incremental compiler `dev` keeps for one route. */
export type RouteCompiler = BuildContext<BuildOptions & { metafile: true; write: false }>;

/**
 * An incremental compiler for one route, for `dev`: rebuilds in milliseconds after a change,
 * and hands its output back (with a hash) instead of writing it, so that an unchanged module
 * keeps its URL. A failed `rebuild()` rejects with esbuild's failure: see `compileError`.
 * @param projectDir the project folder
 * @param file the route file, relative to the project
 * @param outDir the output folder the module's paths are computed for
 */
export async function createRouteCompiler(
  projectDir: string,
  file: string,
  outDir: string,
): Promise<RouteCompiler> {
  return context({ ...options(projectDir, [file], outDir), write: false });
}

/** Stops esbuild's service process once nothing more will be compiled (`approute start`). */
export { stop as stopCompiler } from 'esbuild';
