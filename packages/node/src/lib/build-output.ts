import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  MemoryCacheStore,
  type CacheStore,
  type ManifestRoute,
  type PrerenderedEntry,
  type RouteManifest,
  type RouteModule,
} from '@approute/router';

/** The manifest's file name inside a build output folder. */
export const MANIFEST_FILE = 'manifest.json';
/** The static GET answers produced at build, inside a build output folder. */
export const PRERENDERED_FILE = 'prerendered.json';

/**
 * Where the compiled module of a route file lives inside a build output folder.
 * @param file the route file, a posix path relative to the app folder (`shop/[id]/route.ts`)
 */
export function compiledModulePath(file: string): string {
  return `server/${file.replace(/\.[^./]+$/, '')}.mjs`;
}

/** A build output folder read back: its manifest, a loader for its route modules, and a cache holding the answers prerendered at build. */
export interface BuildOutput {
  manifest: RouteManifest;
  load: (route: ManifestRoute) => Promise<RouteModule>;
  cache: CacheStore;
}

/** A prerendered entry as JSON: the body in base64. */
type StoredEntry = Omit<PrerenderedEntry, 'entry'> & {
  entry: Omit<PrerenderedEntry['entry'], 'body'> & { body: string };
};

/**
 * The text of `prerendered.json` for the static answers `router.prerender()` produced.
 * @param entries what the router prerendered
 */
export function serializePrerendered(entries: readonly PrerenderedEntry[]): string {
  const stored: StoredEntry[] = entries.map(({ path, route, entry }) => ({
    path,
    route,
    entry: {
      ...entry,
      body: Buffer.from(entry.body.buffer, entry.body.byteOffset, entry.body.byteLength).toString(
        'base64',
      ),
    },
  }));
  return `${JSON.stringify(stored)}\n`;
}

async function prerenderedCache(dir: string): Promise<CacheStore> {
  const cache = new MemoryCacheStore();
  let text: string;
  try {
    text = await readFile(join(dir, PRERENDERED_FILE), 'utf8');
  } catch {
    return cache;
  }
  for (const { path, entry } of JSON.parse(text) as StoredEntry[]) {
    cache.set(path, { ...entry, body: new Uint8Array(Buffer.from(entry.body, 'base64')) });
  }
  return cache;
}

/**
 * Reads a build output folder as `approute build` writes it: `manifest.json`, one ES module
 * per route at {@link compiledModulePath}, and `prerendered.json` when the app has static GETs.
 * @param dir the build output folder (a project's `.approute`)
 */
export async function readBuildOutput(dir: string): Promise<BuildOutput> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new MissingBuildError(dir);
  }
  return {
    manifest: JSON.parse(text) as RouteManifest,
    load: moduleLoader(dir),
    cache: await prerenderedCache(dir),
  };
}

/**
 * Loads route modules from a build output folder.
 * @param dir the build output folder
 * @param query appended to each module URL (`?v=2`), so that a rebuilt module is imported afresh
 */
export function moduleLoader(
  dir: string,
  query = '',
): (route: ManifestRoute) => Promise<RouteModule> {
  return async (route) =>
    (await import(
      `${pathToFileURL(join(dir, compiledModulePath(route.file))).href}${query}`
    )) as RouteModule;
}

/** `serve({ dir })` was given a folder without a build in it. */
export class MissingBuildError extends Error {
  override readonly name = 'MissingBuildError';
  readonly code = 'ERR_MISSING_BUILD';
  /** @param dir the folder that has no `manifest.json` */
  constructor(readonly dir: string) {
    super(
      `No build in ${dir}: there is no ${MANIFEST_FILE}. Run \`approute build\` in the project first.`,
    );
  }
}
