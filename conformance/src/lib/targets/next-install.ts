import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { installedPackageDir } from '../paths.js';

/** The installed `next` package: its CLI script and version. */
export interface NextInstall {
  dir: string;
  bin: string;
  version: string;
}

/** The `next` package installed next to the suite, or `undefined`. */
export function nextInstall(): NextInstall | undefined {
  const dir = installedPackageDir('next');
  if (!dir) return undefined;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { dir, bin: join(dir, 'dist', 'bin', 'next'), version };
}

/** A Bun or Deno executable and the version it reports, or why there is none. */
export type RuntimeBinary = { path: string; version: string } | { reason: string };

function versionOf(binary: string): string | undefined {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    return /\d+\.\d+\.\d+/.exec(out)?.[0];
  } catch {
    return undefined;
  }
}

// Where the `bun` and `deno` npm packages put their binaries.
const BINARY_IN_PACKAGE = { bun: 'bin/bun.exe', deno: 'deno' } as const;

/**
 * The Bun or Deno executable: the one that the private workspace package `@approute/runtimes`
 * installs from the npm registry when it is there, else `bun` or `deno` on PATH.
 * @param runtime `bun` or `deno`
 */
export function runtimeBinary(runtime: 'bun' | 'deno'): RuntimeBinary {
  const candidates: string[] = [];
  const runtimes = installedPackageDir('@approute/runtimes');
  if (runtimes) {
    try {
      const manifest = createRequire(join(runtimes, 'package.json')).resolve(
        `${runtime}/package.json`,
      );
      candidates.push(join(dirname(manifest), BINARY_IN_PACKAGE[runtime]));
    } catch {
      // The package is not installed there: try PATH.
    }
  }
  candidates.push(runtime);
  for (const path of candidates) {
    const version = versionOf(path);
    if (version) return { path, version };
  }
  return {
    reason: `no ${runtime} executable: install it (npm i -D ${runtime}) or put \`${runtime}\` on PATH`,
  };
}
