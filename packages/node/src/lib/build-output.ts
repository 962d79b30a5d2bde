import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ManifestRoute, RouteManifest, RouteModule } from '@approute/router';

/** The manifest's file name inside a build output folder. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * Where the compiled module of a route file lives inside a build output folder.
 * @param file the route file, a posix path relative to the app folder (`shop/[id]/route.ts`)
 */
export function compiledModulePath(file: string): string {
  return `server/${file.replace(/\.[^./]+$/, '')}.mjs`;
}

/** A build output folder read back: its manifest and a loader for its route modules. */
export interface BuildOutput {
  manifest: RouteManifest;
  load: (route: ManifestRoute) => Promise<RouteModule>;
}

/**
 * Reads a build output folder as `approute build` writes it: `manifest.json` and one ES
 * module per route at {@link compiledModulePath}.
 * @param dir the build output folder (a project's `.approute`)
 */
export async function readBuildOutput(dir: string): Promise<BuildOutput> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new MissingBuildError(dir);
  }
  return { manifest: JSON.parse(text) as RouteManifest, load: moduleLoader(dir) };
}

/**
 * Loads route modules from a build output folder.
 * @param dir the build output folder
 * @param query appended to each module URL (`?v=2`), so that a rebuilt module is imported afresh
 */
export function moduleLoader(dir: string, query = ''): (route: ManifestRoute) => Promise<RouteModule> {
  return async (route) => (await import(`${pathToFileURL(join(dir, compiledModulePath(route.file))).href}${query}`)) as RouteModule;
}

/** `serve({ dir })` was given a folder without a build in it. */
export class MissingBuildError extends Error {
  override readonly name = 'MissingBuildError';
  readonly code = 'ERR_MISSING_BUILD';
  /** @param dir the folder that has no `manifest.json` */
  constructor(readonly dir: string) {
    super(`No build in ${dir}: there is no ${MANIFEST_FILE}. Run \`approute build\` in the project first.`);
  }
}
