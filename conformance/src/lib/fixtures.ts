import { cpSync, existsSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fixturesDir } from './paths.js';

// What a build or a dependency install leaves in the fixture folder: never copied.
const LEFT_OUT = new Set(['.next', '.approute', '.vinext', 'node_modules', 'next-env.d.ts']);

/** Thrown when the fixture project cannot be copied where asked. */
export class FixturesTargetError extends Error {
  override readonly name = 'FixturesTargetError';
  readonly code = 'CONFORMANCE_FIXTURES_TARGET';
}

/**
 * Copies the fixture project (`app/`, `next.config.mjs`, `tsconfig.json`) into a folder that
 * does not exist yet or is empty, leaving out build output.
 * @param target the folder to copy into
 * @returns the absolute path of the copy
 */
export function copyFixtures(target: string): string {
  const dir = resolve(target);
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new FixturesTargetError(`${dir} is not empty: give a new or an empty folder`);
  cpSync(fixturesDir(), dir, {
    recursive: true,
    filter: (source) => !LEFT_OUT.has(basename(source)),
  });
  return dir;
}
