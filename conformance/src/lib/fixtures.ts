import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fixturesDir, packageRoot } from './paths.js';

// What a build or a dependency install leaves in the fixture folder: never copied.
const LEFT_OUT = new Set([
  '.next',
  '.approute',
  '.vinext',
  '.opennext',
  'node_modules',
  'next-env.d.ts',
]);

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
  copyProject(dir);
  return dir;
}

// The fixture project into `dir`, without what a build or an install left in it.
function copyProject(dir: string): void {
  cpSync(fixturesDir(), dir, {
    recursive: true,
    filter: (source) => !LEFT_OUT.has(basename(source)),
  });
}

// The object next.config.mjs exports, as the fixture project writes it.
const CONFIG_OPENING = 'const nextConfig = {\n';

/** What {@link fixturesCopy} changes in the copy's next.config. */
export interface FixturesCopyOptions {
  /** A `basePath` to add, e.g. `/docs`. */
  basePath?: string;
}

/**
 * A copy of the fixture project for a test that serves it with another next.config or other
 * flags: `fixtures/` copied into the git-ignored `.fixtures-copies/<name>/` of this package
 * (where `next`, `react` and `approute` resolve as they do from `fixtures/`), with the options
 * added to its next.config and nothing else changed. Made afresh on each call, except its
 * `.next` build, which `next build` reuses while the sources (next.config among them) are the
 * same.
 * @param name the copy's folder name
 * @param options what to add to its next.config
 * @returns the absolute path of the copy
 */
export function fixturesCopy(name: string, options: FixturesCopyOptions = {}): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new FixturesTargetError(`${name}: expected [a-z0-9-]+`);
  const { basePath } = options;
  if (basePath !== undefined && !/^(?:\/[A-Za-z0-9._~-]+)+$/.test(basePath))
    throw new FixturesTargetError(`basePath ${basePath}: expected /segment[/segment…]`);
  const dir = join(packageRoot(), '.fixtures-copies', name);
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir))
    if (entry !== '.next') rmSync(join(dir, entry), { recursive: true, force: true });
  copyProject(dir);
  if (basePath === undefined) return dir;
  const file = join(dir, 'next.config.mjs');
  const config = readFileSync(file, 'utf8');
  if (!config.includes(CONFIG_OPENING) || /\bbasePath\b/.test(config))
    throw new FixturesTargetError(
      `${file}: expected a \`${CONFIG_OPENING.trim()}\` object without a basePath to add one to`,
    );
  writeFileSync(
    file,
    config.replace(CONFIG_OPENING, `${CONFIG_OPENING}  basePath: ${JSON.stringify(basePath)},\n`),
  );
  return dir;
}
