// Builds and serves apps/web the ways the tests compare: real Next.js (`next build` then
// `next start`), `approute start`, and approute's web bundle under Bun. Every server starts
// detached in its own process group and is stopped by group, children included.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo folder (`apps/next-compat`). */
export const compatDir = fileURLToPath(new URL('..', import.meta.url));
/** The Next.js app of the monorepo. */
export const webDir = join(compatDir, 'apps/web');
/** The approute command of this workspace. */
export const approuteBin = fileURLToPath(
  new URL('../node_modules/approute/bin/approute.js', import.meta.url),
);
const nextBin = createRequire(join(webDir, 'package.json')).resolve('next/dist/bin/next');

/** A server process of one of the targets. */
export interface Served {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

interface Spawned {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * The environment of a command run from a user's shell: vitest's `NODE_ENV=test` is not passed
 * on, so that each command sets NODE_ENV itself, as `next start` does.
 */
export function shellEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
  delete env.NODE_ENV;
  delete env.VITEST;
  return env;
}

function spawnGroup(args: string[], cwd: string): Spawned {
  const child = spawn(process.execPath, args, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: shellEnv(),
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit');
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name);
    } catch {
      // The group is gone already.
    }
  };
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        signal('SIGTERM');
        const timer = setTimeout(() => {
          signal('SIGKILL');
        }, 5_000);
        await exited;
        clearTimeout(timer);
      }
      signal('SIGKILL');
    },
  };
}

async function waitFor(process: Spawned, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(process.output());
    if (match) return match;
    if (process.child.exitCode !== null || Date.now() > deadline) {
      await process.stop();
      throw new Error(
        `${process.child.exitCode === null ? 'timed out' : `exited with ${String(process.child.exitCode)}`} before printing ${String(pattern)}:\n${process.output().slice(-4_000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function run(args: string[], cwd: string, ms = 300_000): Promise<string> {
  const process = spawnGroup(args, cwd);
  const timer = setTimeout(() => {
    void process.stop();
  }, ms);
  const [code] = (await once(process.child, 'exit')) as [number | null];
  clearTimeout(timer);
  if (code !== 0)
    throw new Error(`${args.join(' ')} exited with ${String(code)}:\n${process.output()}`);
  return process.output();
}

/** A free TCP port on 127.0.0.1 (Next.js does not report the port it got for `-p 0`). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A digest of everything `next build` reads from the monorepo, to skip a build that is fresh. */
function sourcesDigest(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(webDir, 'src')),
    ...files(join(compatDir, 'packages/db/src')),
    ...readdirSync(webDir)
      .filter((name) => name.startsWith('.env') || /^(next\.config\.ts|package\.json)$/.test(name))
      .map((name) => join(webDir, name)),
  ];
  for (const file of inputs)
    hash.update(`${relative(compatDir, file)}\n`).update(readFileSync(file));
  return hash.digest('hex');
}

/** `next build` of apps/web, unless `.next` already holds a build of the same sources. */
export async function nextBuild(): Promise<void> {
  const stamp = join(webDir, '.next', 'next-compat-sources');
  const digest = sourcesDigest();
  if (existsSync(join(webDir, '.next', 'BUILD_ID')) && existsSync(stamp)) {
    if (readFileSync(stamp, 'utf8') === digest) return;
  }
  await run([nextBin, 'build'], webDir);
  writeFileSync(stamp, digest);
}

/** Real Next.js: `next start` of the built apps/web. */
export async function nextStart(): Promise<Served> {
  const port = await freePort();
  const server = spawnGroup([nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], webDir);
  await waitFor(server, /Ready in/, 60_000);
  return { url: `http://127.0.0.1:${port}`, output: server.output, stop: server.stop };
}

/** `approute start` of apps/web on Node, on a port the command picks. */
export async function approuteStart(): Promise<Served> {
  const server = spawnGroup([approuteBin, 'start', webDir, '--port', '0'], compatDir);
  const [, url = ''] = await waitFor(server, /ready on (http:\/\/\S+)/, 120_000);
  return { url, output: server.output, stop: server.stop };
}
