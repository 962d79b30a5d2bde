// Starts Debian's redis-server on a free loopback port, in a temporary folder, for tests; stops
// it, restarts it on the same port, or freezes it (SIGSTOP) to play a server that accepts
// connections and never answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The redis-server binary the tests use; `REDIS_SERVER` overrides it. */
export const REDIS_SERVER_BIN = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** A redis-server process started by {@link startRedisServer}. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Everything the server printed. */
  output(): string;
  /** Stops the server (SIGTERM, then SIGKILL after 3 s); it can be started again. */
  stop(): Promise<void>;
  /** Starts the server again on the same port (after {@link stop}); the data is gone. */
  restart(): Promise<void>;
  /** Freezes the process: connections stay open, nothing is answered. */
  pause(): void;
  /** Lets a paused process run again. */
  resume(): void;
  /** Stops the server and removes its folder. */
  dispose(): Promise<void>;
}

/** Why redis-server cannot run here, or `undefined` when it can. */
export function redisServerUnavailable(): string | undefined {
  return existsSync(REDIS_SERVER_BIN)
    ? undefined
    : `${REDIS_SERVER_BIN} is missing (Debian: apt-get install redis-server; .ci/run installs it)`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/**
 * Starts redis-server on a free port of 127.0.0.1 with no persistence, in a fresh temporary
 * folder, and waits until it accepts connections.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const unavailable = redisServerUnavailable();
  if (unavailable) throw new Error(unavailable);
  const dir = await mkdtemp(join(tmpdir(), 'approute-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = '';

  const launch = async () => {
    const started = spawn(
      REDIS_SERVER_BIN,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--loglevel',
        'notice',
      ],
      { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    const ready = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      };
      started.stdout.on('data', onData);
      started.stderr.on('data', onData);
      started.once('exit', (code) => {
        reject(new Error(`redis-server exited (${String(code)}) before it was ready:\n${output}`));
      });
      started.once('error', reject);
    });
    const timer = setTimeout(() => started.kill('SIGKILL'), 10_000);
    try {
      await ready;
    } finally {
      clearTimeout(timer);
    }
  };

  const signal = (name: NodeJS.Signals) => {
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid, name);
  };

  const stop = async () => {
    const running = child;
    if (running?.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    signal('SIGCONT');
    signal('SIGTERM');
    const timer = setTimeout(() => {
      signal('SIGKILL');
    }, 3_000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    output: () => output,
    stop,
    restart: launch,
    pause: () => {
      signal('SIGSTOP');
    },
    resume: () => {
      signal('SIGCONT');
    },
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
