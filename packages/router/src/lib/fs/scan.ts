import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RouteStartupError } from '../errors.js';
import { createManifest } from '../manifest.js';
import type { RouteManifest } from '../manifest-types.js';

const APP_FILE = /^(?:route|page)\.[a-z]+$/;

/**
 * Reads an `app/` folder into a route manifest, throwing the typed startup error (with the
 * files involved and the fix) for every conflict Next.js refuses to build.
 * @param appDir the app folder, absolute or relative to the working directory
 */
export async function scanApp(appDir: string): Promise<RouteManifest> {
  try {
    if (!(await stat(appDir)).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new RouteStartupError(
      'ERR_APP_DIR_NOT_FOUND',
      `No app folder at ${appDir}.`,
      [],
      'Create the folder with a route.ts inside, or pass the folder that holds your routes.',
    );
  }
  const files: string[] = [];
  await walk(appDir, '', files);
  return createManifest(files);
}

async function walk(dir: string, prefix: string, files: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  await Promise.all(
    entries.map(async (entry) => {
      // `_private` folders are not routable: nothing below them is read.
      if (entry.name.startsWith('_')) return;
      const path = join(dir, entry.name);
      const isDir =
        entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path)).isDirectory());
      if (isDir) return walk(path, `${prefix}${entry.name}/`, files);
      if (APP_FILE.test(entry.name)) files.push(prefix + entry.name);
    }),
  );
}
