import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the @approute/conformance package (found from this file, in `src` or `dist`). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ===
        '@approute/conformance'
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the @approute/conformance package folder');
    dir = parent;
  }
}

/** The fixture project: `fixtures/` holds `app/` and `next.config.mjs`. */
export function fixturesDir(): string {
  return join(packageRoot(), 'fixtures');
}

/**
 * The folder of an installed package as Node would find it from this package (walking up
 * the `node_modules` folders), also for packages whose `exports` hide `package.json`.
 * @param name the package name
 */
export function installedPackageDir(name: string): string | undefined {
  let dir = packageRoot();
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
