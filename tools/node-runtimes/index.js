import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The `node` executable of a registry Node.js installed in this package, or `undefined` when
 * that version is not installed here (the packages are linux-x64 only).
 * @param {'node22' | 'node24' | 'node26'} name the alias of the version
 * @returns {string | undefined}
 */
export function nodeBinary(name) {
  let manifest;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
  const binary = join(dirname(manifest), 'bin', 'node');
  return existsSync(binary) ? binary : undefined;
}

/** The registry Node.js versions this package holds, by alias. */
export const nodeRuntimes = /** @type {const} */ (['node22', 'node24', 'node26']);
