// What a Redis client does with a command while Redis is down: node-redis (`redis`) and
// ioredis, each with its defaults and with the settings a cache wants (no offline queue, a
// command timeout, a capped reconnect back-off). Prints one Markdown table.
//
//   pnpm --filter @approute/cache-redis exec tsx scripts/measure-outage.ts
//
// Scenarios: the server is killed (connections refused), or frozen with SIGSTOP (connections
// open, nothing answers); then it comes back and we measure how long until a command succeeds.
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { startRedisServer, type RedisServer } from '../test/redis-server.ts';

const CAP_MS = 10_000;

interface Probe {
  name: string;
  connect(
    url: string,
    onError: () => void,
  ): Promise<{
    get: (key: string) => Promise<unknown>;
    close: () => Promise<void>;
  }>;
}

const probes: Probe[] = [
  {
    name: 'node-redis 6.3.1, defaults',
    async connect(url, onError) {
      const client = createClient({ url });
      client.on('error', onError);
      await client.connect();
      return {
        get: (key) => client.get(key),
        close: () => {
          client.destroy();
          return Promise.resolve();
        },
      };
    },
  },
  {
    name: 'node-redis 6.3.1, disableOfflineQueue + commandOptions.timeout 500 ms + back-off ≤ 1 s',
    async connect(url, onError) {
      const client = createClient({
        url,
        disableOfflineQueue: true,
        commandOptions: { timeout: 500 },
        socket: {
          connectTimeout: 500,
          reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1_000),
        },
      });
      client.on('error', onError);
      await client.connect();
      return {
        get: (key) => client.get(key),
        close: () => {
          client.destroy();
          return Promise.resolve();
        },
      };
    },
  },
  {
    name: 'ioredis 6.0.0, defaults',
    async connect(url, onError) {
      const client = new Redis(url);
      client.on('error', onError);
      await new Promise<void>((resolve) =>
        client.once('ready', () => {
          resolve();
        }),
      );
      return {
        get: (key) => client.get(key),
        close: () => {
          client.disconnect();
          return Promise.resolve();
        },
      };
    },
  },
  {
    name: 'ioredis 6.0.0, enableOfflineQueue false + commandTimeout 500 ms + maxRetriesPerRequest 0 + back-off ≤ 1 s',
    async connect(url, onError) {
      const client = new Redis(url, {
        enableOfflineQueue: false,
        commandTimeout: 500,
        maxRetriesPerRequest: 0,
        connectTimeout: 500,
        retryStrategy: (times) => Math.min(50 * 2 ** times, 1_000),
      });
      client.on('error', onError);
      await new Promise<void>((resolve) =>
        client.once('ready', () => {
          resolve();
        }),
      );
      return {
        get: (key) => client.get(key),
        close: () => {
          client.disconnect();
          return Promise.resolve();
        },
      };
    },
  },
];

/** How long one command takes to settle, and how. */
async function timed(run: () => Promise<unknown>): Promise<string> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    run().then(
      () => 'ok',
      (error: unknown) =>
        `rejects (${error instanceof Error ? error.name : typeof error}: ${
          error instanceof Error ? error.message.slice(0, 60) : String(error)
        })`,
    ),
    new Promise<string>(
      (resolve) =>
        (timer = setTimeout(() => {
          resolve('HANGS');
        }, CAP_MS)),
    ),
  ]);
  clearTimeout(timer);
  const ms = Math.round(performance.now() - started);
  return outcome === 'HANGS' ? `still pending after ${CAP_MS / 1000} s` : `${ms} ms, ${outcome}`;
}

/** ms from now until a command succeeds, trying every 20 ms. */
async function untilOk(get: () => Promise<unknown>): Promise<string> {
  const started = performance.now();
  while (performance.now() - started < 20_000) {
    const ok = await Promise.race([
      get().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) =>
        setTimeout(() => {
          resolve(false);
        }, 1_000),
      ),
    ]);
    if (ok) return `${Math.round(performance.now() - started)} ms`;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return 'never (20 s)';
}

const rows: string[] = [];
for (const probe of probes) {
  const server: RedisServer = await startRedisServer();
  let errors = 0;
  const client = await probe.connect(server.url, () => (errors += 1));
  await client.get('warm');

  await server.stop();
  await new Promise((resolve) => setTimeout(resolve, 100));
  const killed = await timed(() => client.get('k'));
  const killedLater = await timed(() => client.get('k'));
  // A command queued offline may still be waiting: give it back its server, then measure.
  const errorsWhileDown = errors;
  await server.restart();
  const recovered = await untilOk(() => client.get('k'));

  server.pause();
  const frozen = await timed(() => client.get('k'));
  server.resume();
  const afterFreeze = await untilOk(() => client.get('k'));

  rows.push(
    `| ${probe.name} | ${killed} | ${killedLater} | ${errorsWhileDown} | ${recovered} | ${frozen} | ${afterFreeze} |`,
  );
  await client.close();
  await server.dispose();
}

process.stdout.write(
  [
    `Redis client outage behaviour, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, redis-server 7.0.15`,
    '',
    '| client and settings | GET 100 ms after the server was killed | the next GET | `error` events while down | server back → first successful GET | GET while the server is frozen (SIGSTOP) | after SIGCONT → first successful GET |',
    '| --- | --- | --- | ---: | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n'),
);
