import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** A server process started by a target driver. */
export interface ServerProcess {
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output: () => string;
  /** Stops the whole process group: SIGTERM, then SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
  readonly child: ChildProcess;
}

/** Options of {@link startProcess}. */
export interface StartProcessOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts a process in its own process group (detached), collecting its output, so that it and
 * every child it starts can be stopped together.
 * @param options the command, its arguments, folder and environment
 */
export function startProcess(options: StartProcessOptions): ServerProcess {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit').then(() => undefined);
  child.on('error', (error) => {
    output += `\n[spawn error] ${error.message}\n`;
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  return {
    child,
    output: () => output,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) {
        signalGroup('SIGKILL');
        return;
      }
      signalGroup('SIGTERM');
      const timer = setTimeout(() => {
        signalGroup('SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
      // Children that ignored SIGTERM go now.
      signalGroup('SIGKILL');
    },
  };
}

/**
 * Waits until the process prints a line matching `pattern` and returns the match; fails when
 * the process exits first or `timeoutMs` passes.
 * @param server the process
 * @param pattern what to wait for
 * @param timeoutMs how long to wait
 */
export async function waitForOutput(
  server: ServerProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(server.output());
    if (match) return match;
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `the process exited (${String(server.child.exitCode ?? server.child.signalCode)}) before printing ${String(pattern)}:\n${tail(server.output())}`,
      );
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${String(pattern)}:\n${tail(server.output())}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs a command to completion and resolves with its output; rejects with the output when it
 * exits non-zero or runs past `timeoutMs`.
 * @param options the command, its arguments, folder and environment
 * @param timeoutMs how long it may run
 */
export async function runToCompletion(
  options: StartProcessOptions,
  timeoutMs: number,
): Promise<string> {
  const server = startProcess(options);
  const timer = setTimeout(() => void server.stop(1_000), timeoutMs);
  const [code] = (await once(server.child, 'exit')) as [number | null];
  clearTimeout(timer);
  if (code !== 0)
    throw new Error(
      `${options.command} ${options.args.join(' ')} exited with ${String(code)}:\n${tail(server.output())}`,
    );
  return server.output();
}

/** The last lines of a process's output, for error messages. */
export function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string')
    throw new Error('could not find a free port');
  return address.port;
}
