import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runtimes, runtimeUnavailable, type RuntimeName } from './runtimes.js';

/** A server a target started: the conformance suite's `RunningTarget`. */
export interface RunningWebTarget {
  url: string;
  logs(): string;
  stop(): Promise<void>;
}

/** One runtime as a conformance target: the suite's `Target` shape. */
export interface WebTarget {
  name: string;
  title: string;
  group: 'approute';
  nextjsCompatible: false;
  unavailable(): Promise<string | undefined>;
  /**
   * Builds and serves a fixture project.
   * @param fixtures the project folder
   * @param options more `approute build` arguments and the app's environment
   */
  start(fixtures: string, options?: WebTargetStartOptions): Promise<RunningWebTarget>;
}

/** What a fixture project needs from the runtime: `approute build` arguments and environment. */
export interface WebTargetStartOptions {
  /** More arguments for `approute build --target web` (`--base-path /base`, `--cache-components`). */
  approuteArgs?: readonly string[];
  /** Environment variables the app reads (`process.env`; on workerd, bindings). */
  env?: Record<string, string>;
}

/** Options for {@link webTarget}. */
export interface WebTargetOptions {
  /** Finds the `approute` CLI's bin script, or `undefined` when it is not installed. */
  approuteBin: () => string | undefined;
  /** How long `approute build --target web` may take, in milliseconds (default 120 000). */
  buildTimeout?: number;
}

const TITLES: Record<RuntimeName, string> = {
  bun: 'approute Web adapter, Bun',
  deno: 'approute Web adapter, Deno',
  workerd: 'approute Web adapter, workerd (miniflare)',
  'edge-runtime': 'approute Web adapter, edge-runtime',
};

function buildWeb(
  bin: string,
  fixtures: string,
  timeout: number,
  args: readonly string[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, 'build', fixtures, '--target', 'web', ...args],
      { cwd: fixtures, timeout },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `approute build ${fixtures} --target web failed: ${error.message}\n${stdout}${stderr}`,
            ),
          );
        else resolve();
      },
    );
  });
}

/**
 * Describes one fetch runtime as a conformance target named `approute-<runtime>`: `start`
 * runs `approute build <fixtures> --target web`, then serves `.approute/web/index.mjs` on the
 * runtime, on a free loopback port.
 * @param runtime which runtime
 * @param options where the approute CLI is, and the build timeout
 */
export function webTarget(runtime: RuntimeName, options: WebTargetOptions): WebTarget {
  return {
    name: `approute-${runtime}`,
    title: TITLES[runtime],
    group: 'approute',
    nextjsCompatible: false,
    unavailable() {
      const bin = options.approuteBin();
      if (bin === undefined) return Promise.resolve('the approute CLI is not installed');
      const dist = join(bin, '..', '..', 'dist');
      if (!existsSync(dist))
        return Promise.resolve(
          `the approute CLI is not built (${dist} is missing): run pnpm build`,
        );
      return Promise.resolve(runtimeUnavailable(runtime));
    },
    async start(fixtures, start = {}) {
      const bin = options.approuteBin();
      if (bin === undefined)
        throw new Error(`approute-${runtime}: the approute CLI is not installed`);
      await buildWeb(bin, fixtures, options.buildTimeout ?? 120_000, start.approuteArgs ?? []);
      const server = await runtimes[runtime](join(fixtures, '.approute', 'web', 'index.mjs'), {
        env: start.env,
      });
      return { url: server.url, logs: server.output, stop: server.stop };
    },
  };
}
