import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledModulePath } from '@approute/node';
import {
  build,
  context,
  type BuildContext,
  type BuildOptions,
  type Metafile,
  type Plugin,
} from 'esbuild';

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
  appDir: string,
  files: readonly string[],
  outDir: string,
): BuildOptions & { metafile: true } {
  return {
    entryPoints: files.map((file) => ({
      in: join(appDir, file),
      out: compiledModulePath(file).slice(0, -'.mjs'.length),
    })),
    outdir: outDir,
    absWorkingDir: appDir,
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
    plugins: [nextEntries],
  };
}

/**
 * The source files a compilation read, as absolute paths (for staleness checks and watching).
 * @param metafile what esbuild reported
 * @param appDir the app folder the compilation ran in
 */
export function inputsOf(metafile: Metafile, appDir: string): string[] {
  return Object.keys(metafile.inputs)
    .filter((input) => !input.includes(':') && !input.includes('node_modules'))
    .map((input) => join(appDir, input));
}

/**
 * Compiles route files to one ES module each under `outDir` (see {@link compiledModulePath}).
 * @param appDir the app folder
 * @param files the route files, relative to `appDir`
 * @param outDir the output folder
 */
export async function compileRoutes(
  appDir: string,
  files: readonly string[],
  outDir: string,
): Promise<Metafile> {
  const result = await build(options(appDir, files, outDir));
  return result.metafile;
}

/**
 * An incremental compiler for `dev`: rebuilds in tens of milliseconds after a change.
 * @param appDir the app folder
 * @param files the route files, relative to `appDir`
 * @param outDir the output folder
 */
export async function createCompiler(
  appDir: string,
  files: readonly string[],
  outDir: string,
): Promise<BuildContext<BuildOptions & { metafile: true }>> {
  return context(options(appDir, files, outDir));
}
