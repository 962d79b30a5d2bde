import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createManifest, type RouteManifest } from '@approute/router';
import { CliError } from './errors.js';

const APP_FILE = /^(?:route|page)\.[a-z]+$/;

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
}

/**
 * The app folder of a project as Next.js finds it: `app/`, or `src/app/` when there is no
 * `app/` at the root. A posix path relative to the project.
 * @param projectDir the project folder
 * @throws CliError when neither exists
 */
export async function findAppDir(projectDir: string): Promise<string> {
  if (await isDirectory(join(projectDir, 'app'))) return 'app';
  if (await isDirectory(join(projectDir, 'src', 'app'))) return 'src/app';
  throw new CliError(
    'ERR_APP_DIR_NOT_FOUND',
    `No app folder at ${join(projectDir, 'app')} or ${join(projectDir, 'src', 'app')}.\n` +
      'Create the folder with a route.ts inside, or pass the folder that holds your project.',
  );
}

/**
 * Reads a project's app folder into a route manifest, throwing the typed startup error (with
 * the files involved and the fix) for every conflict Next.js refuses to build.
 * @param projectDir the project folder (the one holding `app/` or `src/app/`)
 */
export async function scanApp(projectDir: string): Promise<RouteManifest> {
  const appDir = await findAppDir(projectDir);
  const files: string[] = [];
  await walk(join(projectDir, appDir), '', files);
  return createManifest(files, { appDir });
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
