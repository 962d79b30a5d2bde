import { spawn } from 'node:child_process';

/** A server process started detached in its own process group. */
export interface RuntimeServer {
  /** The runtime's name: `bun`, `deno`, `workerd` or `edge-runtime`. */
  runtime: string;
  /** The base URL, `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** The process group leader's id. */
  pid: number;
  /** Everything the process wrote so far (stdout and stderr, last 64 KiB), for failure messages. */
  output: () => string;
  /** Stops the whole process group (SIGTERM, then SIGKILL after a grace period). */
  stop: () => Promise<void>;
}

/** How to start one server process. */
export interface SpawnServerOptions {
  runtime: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the ready line, in milliseconds (default 30 000). */
  timeout?: number;
}

const READY = /approute-runtime listening on (\S+)/;
const KEEP = 64 * 1024;
const running = new Set<number>();

process.once('exit', () => {
  for (const pid of running) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether any process of the group led by `pid` is still alive.
 * @param pid the group leader's pid
 */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForGroupExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (groupAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

/**
 * Spawns a server detached in a new process group and resolves once it prints its ready line.
 * @param options the command, its arguments, and how long to wait
 */
export function spawnServer(options: SpawnServerOptions): Promise<RuntimeServer> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-KEEP);
  };
  const { pid } = child;
  if (pid !== undefined) running.add(pid);
  child.unref();

  const stop = async (): Promise<void> => {
    if (pid === undefined) return;
    running.delete(pid);
    if (!killGroup(pid, 'SIGTERM')) return;
    if (!(await waitForGroupExit(pid, 3000))) {
      killGroup(pid, 'SIGKILL');
      await waitForGroupExit(pid, 2000);
    }
  };

  return new Promise<RuntimeServer>((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      void stop().then(() => {
        reject(
          new Error(
            `${options.runtime}: ${reason}\n$ ${options.command} ${options.args.join(' ')}\n${output}`,
          ),
        );
      });
    };
    const timeout = options.timeout ?? 30_000;
    const timer = setTimeout(() => {
      fail(`no ready line within ${timeout} ms`);
    }, timeout);
    child.once('error', (error) => {
      fail(`could not start: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      fail(`exited before it was ready (code ${String(code)}, signal ${String(signal)})`);
    });
    child.stderr.on('data', append);
    child.stdout.on('data', (chunk: Buffer) => {
      append(chunk);
      const url = READY.exec(output)?.[1];
      if (url === undefined || pid === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      resolve({
        runtime: options.runtime,
        url: url.replace(/\/$/, ''),
        pid,
        output: () => output,
        stop,
      });
    });
    // The pipes must not keep the parent alive once the server is running.
    (child.stdout as unknown as { unref?: () => void }).unref?.();
    (child.stderr as unknown as { unref?: () => void }).unref?.();
  });
}
