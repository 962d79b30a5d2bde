import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** The approute executable as installed (it runs the built `dist`). */
export const bin = fileURLToPath(new URL('../../bin/approute.js', import.meta.url));

/**
 * Copies a fixture project into a fresh temporary folder, so a test may change it.
 * @param name the folder under test/fixtures
 */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `approute-${name}-`));
  await cp(fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url)), dir, {
    recursive: true,
    filter: (source) => !source.includes('.approute'),
  });
  return dir;
}

/** What a finished command printed and how it exited. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment variables for a command: a value replaces the test's, `undefined` removes it. */
export type EnvChanges = Record<string, string | undefined>;

function envWith(changes: EnvChanges | undefined): NodeJS.ProcessEnv {
  const removed = new Set(
    Object.entries(changes ?? {})
      .filter(([, value]) => value === undefined)
      .map(([key]) => key),
  );
  const kept = Object.entries({ ...process.env, ...changes }).filter(([key]) => !removed.has(key));
  return Object.fromEntries(kept);
}

/**
 * Runs `approute <args>` to completion.
 * @param args the arguments
 * @param cwd the folder to run in
 * @param env changes to the test's environment (vitest sets NODE_ENV=test)
 */
export async function runCli(args: string[], cwd: string, env?: EnvChanges): Promise<Finished> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: envWith(env),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** A long-running `approute dev|start`. */
export interface Running {
  url: string;
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output: () => string;
  /** Sends SIGTERM to the process group and resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * Starts `approute <args>` detached and waits for its `ready on <url>` line.
 * @param args the arguments, e.g. `['start', '.', '--port', '0']`
 * @param cwd the folder to run in
 * @param env changes to the test's environment
 */
export async function startCli(args: string[], cwd: string, env?: EnvChanges): Promise<Running> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: envWith(env),
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null]>;
  const url = await new Promise<string | undefined>((resolve) => {
    const look = (): void => {
      const found = /ready on (http:\/\/\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    };
    child.stdout.on('data', look);
    void exited.then(() => {
      resolve(undefined);
    });
  });
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    const [code] = await exited;
    return code;
  };
  if (!url) {
    await stop();
    throw new Error(`approute ${args.join(' ')} did not get ready:\n${output}`);
  }
  return { url, child, output: () => output, stop };
}

/**
 * Polls `check` until it returns true or `ms` pass.
 * @param check the condition
 * @param ms how long to wait at most
 */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A `fixture(name)` that copies a fixture project into a fresh temporary folder, each removed
 * after the test file's last test.
 */
export function useFixtures(): (name: string) => Promise<string> {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (name) => {
    const dir = await copyFixture(name);
    dirs.push(dir);
    return dir;
  };
}
