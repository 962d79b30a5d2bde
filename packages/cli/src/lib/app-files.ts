import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const ROUTE_FILE = /^route\.(?:ts|js|mjs|mts|tsx|jsx)$/;

/** A `route.*` file found under `app/` and the URL path it serves. */
export interface RouteFile {
  file: string;
  pathname: string;
}

/**
 * Lists the route files of an `app/` folder (the walking skeleton: static folders and groups).
 * @param appDir the `app/` folder
 */
export async function findRouteFiles(appDir: string): Promise<RouteFile[]> {
  const entries = await readdir(appDir, { recursive: true, withFileTypes: true });
  const found: RouteFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !ROUTE_FILE.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    const segments = relative(appDir, entry.parentPath)
      .split(sep)
      .filter((segment) => segment !== '' && !/^\(.*\)$/.test(segment));
    found.push({ file, pathname: `/${segments.join('/')}` });
  }
  return found.sort((a, b) => a.pathname.localeCompare(b.pathname));
}
