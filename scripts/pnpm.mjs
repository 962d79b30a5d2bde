#!/usr/bin/env node
// Runs the pnpm version pinned in package.json's `packageManager`, so that the README's
// commands work on a machine that has only Node and npm. A pnpm 10 already on PATH is used
// as is; otherwise npm fetches the pinned version from the registry into its cache.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const { packageManager } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const pinned = /^pnpm@(\d+)\.(\d+\.\d+)/.exec(packageManager);
if (!pinned) {
  console.error(
    `scripts/pnpm.mjs: package.json "packageManager" must name pnpm, got ${String(packageManager)}`,
  );
  process.exit(1);
}
const wantMajor = pinned[1];
const args = process.argv.slice(2);
const shell = process.platform === 'win32';

const found = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell });
const onPath = found.status === 0 && found.stdout.trim().split('.')[0] === wantMajor;

const run = onPath
  ? spawnSync('pnpm', args, { stdio: 'inherit', shell })
  : spawnSync('npm', ['exec', '--yes', `--package=${packageManager}`, '--', 'pnpm', ...args], {
      stdio: 'inherit',
      shell,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
if (run.error) {
  console.error(`scripts/pnpm.mjs: could not start pnpm: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? 1);
