import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  chooseProxyFile,
  isIgnoredProxyFileName,
  isProxyFileName,
  type ProxyFile,
} from '@approute/router';

/** What {@link findProxyFile} found. */
export interface ProxyDiscovery {
  /** The proxy file, or `undefined` when the project has none. */
  proxy: ProxyFile | undefined;
  /**
   * Files that look like a proxy but that Next.js does not run, relative to the project folder:
   * `proxy.mjs`, or a `proxy.ts` in the folder that does not hold `app/`. Worth a warning.
   */
  ignored: string[];
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function filesIn(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    const files: string[] = [];
    for (const name of names.sort()) if (!(await isDirectory(join(dir, name)))) files.push(name);
    return files;
  } catch {
    return [];
  }
}

/**
 * Finds the proxy file of a project as Next.js does: `proxy.*` (or the deprecated
 * `middleware.*`) in the folder that holds `app/`, the project folder or its `src/`.
 * @param projectDir the project folder (the one with `app/` or `src/app/`)
 * @returns the proxy file with the warning to print, and the look-alikes Next.js ignores
 * @throws ProxyStartupError when both `proxy.*` and `middleware.*` exist, or one name with two
 *   extensions
 */
export async function findProxyFile(projectDir: string): Promise<ProxyDiscovery> {
  // Next.js looks beside the app folder only: with `app/` at the root a `src/proxy.ts` is not
  // read, and with `src/app/` a root `proxy.ts` is not.
  const inSrc =
    !(await isDirectory(join(projectDir, 'app'))) &&
    (await isDirectory(join(projectDir, 'src', 'app')));
  const [root, src] = await Promise.all([filesIn(projectDir), filesIn(join(projectDir, 'src'))]);
  const beside = (inSrc ? src : root)
    .filter(isProxyFileName)
    .map((name) => (inSrc ? `src/${name}` : name));
  const ignored = [
    ...root.filter((name) => isIgnoredProxyFileName(name) || (inSrc && isProxyFileName(name))),
    ...src
      .filter((name) => isIgnoredProxyFileName(name) || (!inSrc && isProxyFileName(name)))
      .map((name) => `src/${name}`),
  ];
  return { proxy: chooseProxyFile(beside), ignored };
}
