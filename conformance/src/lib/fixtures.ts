import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fixturesDir, packageRoot } from './paths.js';

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

// The object next.config.mjs exports, as the fixture project writes it.
const CONFIG_OPENING = 'const nextConfig = {\n';

/**
 * The fixture project served under a base path: a copy of `fixtures/` in the git-ignored
 * `.fixtures-base-path/` of this package (where `next`, `react` and `approute` resolve as they
 * do from `fixtures/`), with `basePath` added to its next.config and nothing else changed.
 * Made afresh on each call, except its `.next` build, which `next build` reuses while the
 * sources (the next.config among them) are the same.
 * @param basePath the base path, e.g. `/docs`
 * @returns the absolute path of the copy
 */
export function basePathFixtures(basePath: string): string {
  if (!/^\/[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/.test(basePath))
    throw new FixturesTargetError(`basePath ${basePath}: expected /segment[/segment…]`);
  const dir = join(packageRoot(), '.fixtures-base-path');
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir))
    if (name !== '.next') rmSync(join(dir, name), { recursive: true, force: true });
  cpSync(fixturesDir(), dir, {
    recursive: true,
    filter: (source) => !LEFT_OUT.has(basename(source)),
  });
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
