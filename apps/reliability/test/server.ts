// Builds and starts the fixture app with the approute command in production mode, in its own
// process group, and reads its diagnostics.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

export const appDir = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../node_modules/approute/bin/approute.js', import.meta.url));

/** A running fixture server. */
export interface FixtureServer {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** What /diagnostics reports. */
export interface Diagnostics {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  peakRss: number;
  aborted: number;
  cancelled: number;
  resources: Record<string, number>;
}

/**
 * Runs `approute start` on the fixture app and waits until it is ready.
 * @param extraArgs more CLI arguments, e.g. `['--body-limit', '65536']`
 */
export async function startFixture(extraArgs: string[] = []): Promise<FixtureServer> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', bin, 'start', '.', '--port', '0', ...extraArgs],
    {
      cwd: appDir,
      detached: true,
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // A 'data' listener, not `for await`: leaving that loop would destroy stdout, and every later
  // line (an after() callback's, at shutdown) would be lost.
  const url = await new Promise<string | undefined>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready on (http:\/\/\S+)/.exec(output)?.[1];
      if (ready) resolve(ready);
    });
    child.once('exit', () => {
      resolve(undefined);
    });
  });
  if (!url) throw new Error(`approute start did not get ready:\n${output}`);
  return {
    url,
    port: Number(new URL(url).port),
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.pid === undefined || child.exitCode !== null) return child.exitCode;
      // 'close', not 'exit': the last lines of output may arrive after the exit.
      const exited = once(child, 'close') as Promise<[number | null]>;
      process.kill(-child.pid, signal);
      const [code] = await exited;
      return code;
    },
  };
}

/** Reads the fixture's diagnostics route. */
export async function diagnostics(server: FixtureServer): Promise<Diagnostics> {
  const res = await request(`${server.url}/diagnostics`);
  return (await res.body.json()) as Diagnostics;
}
