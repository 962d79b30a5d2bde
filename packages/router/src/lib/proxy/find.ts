import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { chooseProxyFile, isProxyFileName, type ProxyFile } from './names.js';

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Finds the proxy file of a project as Next.js does: `proxy.*` (or the deprecated
 * `middleware.*`) in the folder that holds `app/`, the project folder or its `src/`.
 * @param projectDir the project folder (the one with `app/` or `src/app/`)
 * @returns the file and the warning to print, or `undefined` when the project has none
 * @throws ProxyStartupError when both `proxy.*` and `middleware.*` exist, or one name with two
 *   extensions
 */
export async function findProxyFile(projectDir: string): Promise<ProxyFile | undefined> {
  // Next.js looks beside the app folder only: with `app/` at the root a `src/proxy.ts` is not
  // read, and with `src/app/` a root `proxy.ts` is not.
  const prefix =
    !(await isDirectory(join(projectDir, 'app'))) && (await isDirectory(join(projectDir, 'src', 'app')))
      ? 'src/'
      : '';
  const dir = prefix === '' ? projectDir : join(projectDir, 'src');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const found: string[] = [];
  for (const name of names.sort()) {
    if (isProxyFileName(name) && !(await isDirectory(join(dir, name)))) found.push(prefix + name);
  }
  return chooseProxyFile(found);
}
