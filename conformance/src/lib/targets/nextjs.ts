import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { freePort, runToCompletion, startProcess, waitForOutput } from '../process.js';
import type { Target } from './target.js';

const STAMP = 'approute-conformance-sources';

// The `next` Node's resolver finds from `from` (this package by default, or a fixture project
// with its own node_modules).
function nextPackage(from?: string): { bin: string; version: string } | undefined {
  try {
    const require = createRequire(
      from === undefined ? import.meta.url : join(from, 'package.json'),
    );
    const manifest = require.resolve('next/package.json');
    return {
      bin: require.resolve('next/dist/bin/next'),
      version: (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version,
    };
  } catch {
    return undefined;
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A digest of everything `next build` reads from the fixture project, and of the Next.js version. */
export function sourcesDigest(fixtures: string, version: string): string {
  const hash = createHash('sha256').update(`next@${version}\n`);
  // app/ or src/ (src/app and src/proxy.ts), the proxy at the root, and the config files.
  const files = [
    ...['app', 'src']
      .map((name) => join(fixtures, name))
      .filter((dir) => existsSync(dir))
      .flatMap(listFiles),
    ...readdirSync(fixtures)
      .filter((name) => /^(?:proxy|middleware)\.[a-z]+$/.test(name))
      .map((name) => join(fixtures, name)),
    ...['next.config.mjs', 'tsconfig.json', 'instrumentation.ts']
      .map((name) => join(fixtures, name))
      .filter((file) => existsSync(file)),
  ];
  for (const file of files)
    hash
      .update(`${relative(fixtures, file)}\n`)
      .update(readFileSync(file))
      .update('\n');
  return hash.digest('hex');
}

/**
 * Builds the fixture project with `next build` unless `.next` already holds a build of the
 * same sources (the digest is kept in `.next/approute-conformance-sources`).
 * @param fixtures the fixture project folder
 * @param own use the project's own `next` (its node_modules) instead of the suite's
 * @returns whether a build ran
 */
export async function buildNext(fixtures: string, own = false): Promise<boolean> {
  const next = nextPackage(own ? fixtures : undefined);
  if (!next) throw new Error('next is not installed next to the suite');
  const digest = sourcesDigest(fixtures, next.version);
  const stamp = join(fixtures, '.next', STAMP);
  if (
    existsSync(join(fixtures, '.next', 'BUILD_ID')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === digest
  )
    return false;
  await runToCompletion(
    {
      command: process.execPath,
      args: [next.bin, 'build'],
      cwd: fixtures,
      env: { NEXT_TELEMETRY_DISABLED: '1' },
    },
    300_000,
  );
  writeFileSync(stamp, digest);
  return true;
}

/** Options of {@link nextjsTarget}. */
export interface NextjsTargetOptions {
  /**
   * The `--hostname` of `next start` (default `127.0.0.1`). The proxy projects use
   * `localhost`, the name Next.js uses when given none: with an IP, Next.js sends a rewrite to
   * a path of the same app over HTTP to itself (its proxy's `request.url` says `localhost`, so
   * the origin differs), and its proxy runs a second time for the destination.
   */
  hostname?: string;
  /**
   * A fixture project with its own `next` in its node_modules (Next.js 15 for fixtures-next15):
   * that one builds and serves it instead of the suite's.
   */
  project?: string;
}

/**
 * Real Next.js 16: `next build` (cached) and `next start` on the fixture project.
 * @param options the hostname `next start` listens on, a project's own Next.js
 */
export function nextjsTarget(options: NextjsTargetOptions = {}): Target {
  const hostname = options.hostname ?? '127.0.0.1';
  const project = options.project;
  const next = nextPackage(project);
  return {
    name: project === undefined ? 'nextjs' : `nextjs-${next?.version ?? 'project'}`,
    title: `Next.js ${next?.version ?? '16'} (next start)`,
    group: 'reference',
    nextjsCompatible: true,
    unavailable: () =>
      Promise.resolve(
        next
          ? undefined
          : 'Next.js is not installed next to the suite: npm install next@16 react react-dom',
      ),
    async start(fixtures, options = {}) {
      if (!next) throw new Error('next is not installed');
      await buildNext(fixtures, project !== undefined);
      const port = await freePort();
      const server = startProcess({
        command: process.execPath,
        args: [next.bin, 'start', '--port', String(port), '--hostname', hostname],
        cwd: fixtures,
        env: { ...options.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      });
      try {
        await waitForOutput(server, /Ready in/, 60_000);
        return {
          url: `http://${hostname}:${port}`,
          logs: server.output,
          stop: () => server.stop(),
        };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
  };
}
