import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnServer, type RuntimeServer } from './process-group.js';

/** The fetch runtimes this package can start. */
export const RUNTIME_NAMES = ['bun', 'deno', 'workerd', 'edge-runtime'] as const;

/** One of {@link RUNTIME_NAMES}. */
export type RuntimeName = (typeof RUNTIME_NAMES)[number];

/** Where and how to start a bundle. */
export interface StartOptions {
  /** Loopback address to listen on (default `127.0.0.1`). */
  hostname?: string;
  /** Port (default 0: the runtime picks a free one and reports it). */
  port?: number;
  /** Extra environment variables for the runtime process. */
  env?: Record<string, string>;
  /** How long to wait for the server to come up, in milliseconds (default 30 000). */
  timeout?: number;
}

/** Starts an ES module bundle, whose default export is a fetch handler, on one runtime. */
export type StartRuntime = (bundle: string, options?: StartOptions) => Promise<RuntimeServer>;

const require = createRequire(import.meta.url);
const launchers = fileURLToPath(new URL('../../launchers/', import.meta.url));

function packageFile(name: string, file: string): string {
  const path = join(dirname(require.resolve(`${name}/package.json`)), file);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: the "${name}" package installs its binary in a postinstall script. ` +
        `Keep "${name}" under allowBuilds in pnpm-workspace.yaml and run pnpm install again.`,
    );
  }
  return path;
}

/** The path of the Bun binary shipped by the `bun` package. */
export function bunBinary(): string {
  return packageFile('bun', 'bin/bun.exe');
}

/** The path of the Deno binary shipped by the `deno` package. */
export function denoBinary(): string {
  return packageFile('deno', 'deno');
}

function args(bundle: string, options: StartOptions): string[] {
  return [resolve(bundle), options.hostname ?? '127.0.0.1', String(options.port ?? 0)];
}

function env(options: StartOptions, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '1', ...extra, ...options.env };
}

/**
 * Starts a bundle under Bun (`Bun.serve`).
 * @param bundle path of the ES module bundle
 * @param options hostname, port, environment, timeout
 */
export const startBun: StartRuntime = (bundle, options = {}) =>
  spawnServer({
    runtime: 'bun',
    command: bunBinary(),
    args: ['--no-env-file', join(launchers, 'serve.mjs'), ...args(bundle, options)],
    cwd: dirname(resolve(bundle)),
    env: env(options, { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' }),
    timeout: options.timeout,
  });

/**
 * Starts a bundle under Deno (`Deno.serve`), allowed to use the network, read files and the environment.
 * @param bundle path of the ES module bundle
 * @param options hostname, port, environment, timeout
 */
export const startDeno: StartRuntime = (bundle, options = {}) =>
  spawnServer({
    runtime: 'deno',
    command: denoBinary(),
    args: [
      'run',
      '--quiet',
      '--no-config',
      '--no-lock',
      '--no-prompt',
      '--allow-net',
      '--allow-read',
      '--allow-env',
      join(launchers, 'serve.mjs'),
      ...args(bundle, options),
    ],
    cwd: dirname(resolve(bundle)),
    env: env(options, { DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' }),
    timeout: options.timeout,
  });

/**
 * Starts a bundle in workerd through miniflare (`nodejs_compat`, no `cf` object fetched).
 * @param bundle path of the ES module bundle
 * @param options hostname, port, environment, timeout
 */
export const startWorkerd: StartRuntime = (bundle, options = {}) =>
  spawnServer({
    runtime: 'workerd',
    command: process.execPath,
    args: [join(launchers, 'workerd.mjs'), ...args(bundle, options)],
    cwd: dirname(resolve(bundle)),
    // The Worker's own environment is its bindings: the launcher passes these on as text bindings.
    env: env(options, { APPROUTE_WORKER_BINDINGS: JSON.stringify(options.env ?? {}) }),
    timeout: options.timeout,
  });

/**
 * Starts a bundle in Vercel's edge-runtime (re-emitted as a script; AsyncLocalStorage as a global).
 * @param bundle path of the ES module bundle
 * @param options hostname, port, environment, timeout
 */
export const startEdgeRuntime: StartRuntime = (bundle, options = {}) =>
  spawnServer({
    runtime: 'edge-runtime',
    command: process.execPath,
    args: [join(launchers, 'edge-runtime.mjs'), ...args(bundle, options)],
    cwd: dirname(resolve(bundle)),
    // The VM sees `process.env` with these variables only, as Vercel's Edge Runtime does.
    env: env(options),
    timeout: options.timeout,
  });

/** Every runtime's starter, by name. */
export const runtimes: Readonly<Record<RuntimeName, StartRuntime>> = Object.freeze({
  bun: startBun,
  deno: startDeno,
  workerd: startWorkerd,
  'edge-runtime': startEdgeRuntime,
});

/**
 * Tells why a runtime cannot start here (its package or binary is missing), or `undefined`
 * when it can.
 * @param name one of {@link RUNTIME_NAMES}
 */
export function runtimeUnavailable(name: RuntimeName): string | undefined {
  try {
    if (name === 'bun') bunBinary();
    else if (name === 'deno') denoBinary();
    else require.resolve(name === 'workerd' ? 'miniflare' : 'edge-runtime');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Starts a bundle on the named runtime.
 * @param name one of {@link RUNTIME_NAMES}
 * @param bundle path of the ES module bundle
 * @param options hostname, port, environment, timeout
 */
export function startRuntime(
  name: RuntimeName,
  bundle: string,
  options?: StartOptions,
): Promise<RuntimeServer> {
  return runtimes[name](bundle, options);
}
