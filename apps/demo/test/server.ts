// Starts the demo with the approute command, exactly as a user runs it, on a free port and
// with its data in a folder of the test's choosing.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const demoDir = fileURLToPath(new URL('..', import.meta.url));
export const bin = fileURLToPath(
  new URL('../node_modules/approute/bin/approute.js', import.meta.url),
);

/** A running demo server. */
export interface DemoServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** The Bun binary from the demo's devDependencies. */
export const bun = fileURLToPath(new URL('../node_modules/.bin/bun', import.meta.url));

/**
 * Runs the demo in its folder and waits for its `ready on <url>` line: by default
 * `approute <args>` on Node; with `command`, that program (e.g. Bun) with `args`.
 * @param args the arguments, e.g. `['start', '.', '--port', '0']`
 * @param dataDir where the demo keeps its data
 * @param command the program to run instead of the approute CLI on Node
 */
export async function startDemo(
  args: string[],
  dataDir: string,
  command?: string,
): Promise<DemoServer> {
  const child: ChildProcess = spawn(command ?? process.execPath, command ? args : [bin, ...args], {
    cwd: demoDir,
    detached: true,
    env: { ...process.env, DEMO_DATA_DIR: dataDir, NODE_ENV: 'production', PORT: '0' },
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let url: string | undefined;
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    url = /ready on (http:\/\/\S+)/.exec(output)?.[1];
    if (url) break;
  }
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  if (!url) throw new Error(`approute ${args.join(' ')} did not get ready:\n${output}`);
  return {
    url,
    output: () => output,
    async stop() {
      if (child.pid === undefined || child.exitCode !== null) return;
      const exited = once(child, 'exit');
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

/** The arguments that serve the demo in production mode on a free port. */
export const startArgs = ['start', '.', '--port', '0'];
