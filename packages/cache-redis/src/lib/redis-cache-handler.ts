// A cache handler on Redis, shared by every process that points at the same server and prefix.
// A read fetches the entry and the revalidation times of its tags (and the request's soft tags)
// in one script, so a revalidation made by any instance counts on every instance's next read;
// there is no local copy of tag state to keep in sync. When Redis is unavailable every call
// returns at once as if the cache were empty, revalidations are kept and applied when it is
// back, and nothing throws to the caller.
import { Redis, type RedisOptions } from 'ioredis';
import { Availability, type CacheLogger } from './availability.js';
import {
  INFINITE_CACHE,
  type CacheEntry,
  type CacheHandler,
  type Timestamp,
} from './cache-handler.js';
import { EXPIRATIONS, GET, SET, UPDATE_TAGS, type Script } from './scripts.js';

/** Options of {@link createRedisCacheHandler}. */
export interface RedisCacheHandlerOptions {
  /** `redis://[user:password@]host:port[/db]`; or give `client`. */
  url?: string;
  /** A client you configured; the handler sets no options on it and closes it on `close()`. */
  client?: Redis;
  /** Prefix of every key the handler writes, `approute:cache:` by default. */
  keyPrefix?: string;
  /** How long one command may take before Redis counts as unavailable; 500 ms by default. */
  commandTimeoutMs?: number;
  /** How often to try Redis again while it is unavailable; 1000 ms by default. */
  retryMs?: number;
  /** Revalidations kept while Redis is unavailable, to apply when it is back; 10,000 by default. */
  maxPendingUpdates?: number;
  /** Where "unavailable" and "back" are reported, once each per outage; `console` by default. */
  logger?: CacheLogger;
}

/** The Redis handler: a {@link CacheHandler} plus its state and `close()`. */
export interface RedisCacheHandler extends CacheHandler {
  /** `connecting`, `up`, `down` (serving without Redis), or `closed`. */
  readonly state: 'connecting' | 'up' | 'down' | 'closed';
  /** Resolves once the first connection attempt is settled (up or down). */
  ready(): Promise<void>;
  /** Disconnects; every later call answers as an empty cache. */
  close(): Promise<void>;
}

interface StoredMeta {
  tags: string[];
  stale: number;
  timestamp: Timestamp;
  expire: number;
  revalidate: number;
}

interface PendingUpdate {
  tags: string[];
  durations: { expire?: number } | undefined;
  at: Timestamp;
}

function toStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function number(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value instanceof Buffer ? value.toString() : value);
}

// Times with their sub-millisecond part, as Next.js's cache clock (and approute's) keeps them:
// an entry produced in the same millisecond as a revalidation is still told apart from it.
const now = (): number => performance.timeOrigin + performance.now();

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'the configured server';
  }
}

/**
 * A cache handler on Redis, for approute (and, the interface being the same, for Next.js's
 * `cacheHandlers`).
 * @param options the server, key prefix, timeouts and logger
 */
export function createRedisCacheHandler(options: RedisCacheHandlerOptions): RedisCacheHandler {
  const prefix = options.keyPrefix ?? 'approute:cache:';
  const commandTimeout = options.commandTimeoutMs ?? 500;
  const retryMs = options.retryMs ?? 1_000;
  const maxPending = options.maxPendingUpdates ?? 10_000;
  const logger = options.logger ?? console;
  if (!options.client && !options.url)
    throw new TypeError('createRedisCacheHandler needs a `url` or a `client`');
  const clientOptions: RedisOptions = {
    // Fail at once while disconnected instead of queueing, give up on a sent command after
    // `commandTimeout`, and reconnect with a back-off capped at `retryMs`.
    enableOfflineQueue: false,
    commandTimeout,
    maxRetriesPerRequest: 0,
    connectTimeout: Math.max(commandTimeout, 1_000),
    retryStrategy: (times) => Math.min(50 * 2 ** times, retryMs),
    lazyConnect: true,
  };
  const client = options.client ?? new Redis(options.url ?? '', clientOptions);
  const label = options.url ? redact(options.url) : 'the configured server';
  const pendingSets = new Map<string, Promise<void>>();
  let pendingUpdates: PendingUpdate[] = [];
  let droppedUpdates = 0;

  const keys = {
    entry: (key: string) => `${prefix}e:${key}`,
    index: (tag: string) => `${prefix}t:${tag}`,
    stale: `${prefix}stale`,
    expired: `${prefix}expired`,
  };

  // A client passed in may queue commands offline or wait for replies forever: every script
  // gets the same deadline whatever the client's settings.
  function deadline<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`no answer within ${commandTimeout} ms`));
      }, commandTimeout);
    });
    return Promise.race([work, late]).finally(() => {
      clearTimeout(timer);
    });
  }

  async function run(script: Script, keyList: string[], args: (string | Buffer)[]) {
    const evalsha = client.callBuffer('EVALSHA', [script.sha, keyList.length, ...keyList, ...args]);
    try {
      return await deadline(evalsha);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return deadline(client.callBuffer('EVAL', [script.lua, keyList.length, ...keyList, ...args]));
    }
  }

  async function applyUpdate(update: PendingUpdate): Promise<void> {
    const expireMs =
      update.durations?.expire === undefined ? -1 : Math.round(update.durations.expire * 1000);
    await run(
      UPDATE_TAGS,
      [keys.stale, keys.expired, ...update.tags.map((tag) => keys.index(tag))],
      [
        String(update.at),
        String(now()),
        update.durations ? '1' : '0',
        String(expireMs),
        `${prefix}e:`,
        `${prefix}t:`,
        ...update.tags,
      ],
    );
  }

  const availability = new Availability({
    label,
    logger,
    retryMs,
    probe: async () => {
      if (client.status === 'wait') await client.connect();
      await deadline(client.ping());
    },
    async onRecover() {
      const replay = pendingUpdates;
      pendingUpdates = [];
      for (const [i, update] of replay.entries()) {
        try {
          await applyUpdate(update);
        } catch (error) {
          pendingUpdates = [...replay.slice(i), ...pendingUpdates];
          throw error;
        }
      }
      const dropped = droppedUpdates;
      droppedUpdates = 0;
      if (replay.length === 0 && dropped === 0) return undefined;
      return `applied ${replay.length} revalidation(s) made meanwhile${dropped ? `, ${dropped} more were dropped (over maxPendingUpdates)` : ''}`;
    },
  });
  client.on('error', (error: unknown) => {
    availability.fail(error);
  });
  client.on('close', () => {
    availability.fail(new Error('connection closed'));
  });
  client.on('ready', () => {
    availability.connected();
  });
  if (client.status === 'ready') availability.connected();
  const first =
    client.status === 'ready'
      ? Promise.resolve()
      : client.connect().then(
          () => undefined,
          (error: unknown) => {
            availability.fail(error);
          },
        );
  availability.connecting(first);

  return {
    get state() {
      return availability.state;
    },

    async ready() {
      await first;
      while (availability.state === 'connecting') await new Promise((r) => setTimeout(r, 10));
    },

    async get(cacheKey, softTags) {
      const pending = pendingSets.get(cacheKey);
      if (pending) await pending;
      const reply = await availability.run(
        () => run(GET, [keys.entry(cacheKey), keys.stale, keys.expired], softTags),
        null,
      );
      if (!Array.isArray(reply)) return undefined;
      const [metaBytes, value, staleTimes, expiredTimes] = reply as [
        Buffer,
        Buffer | null,
        unknown[],
        unknown[],
      ];
      const meta = JSON.parse(metaBytes.toString()) as StoredMeta;
      const current = now();
      if (expiredTimes.some((at) => number(at) > meta.timestamp && number(at) <= current))
        return undefined;
      if (meta.expire < INFINITE_CACHE && current > meta.timestamp + meta.expire * 1000)
        return undefined;
      const stale = staleTimes.some((at) => number(at) > meta.timestamp);
      return {
        value: toStream(value ?? Buffer.alloc(0)),
        tags: meta.tags,
        stale: meta.stale,
        timestamp: meta.timestamp,
        expire: meta.expire,
        revalidate: stale ? -1 : meta.revalidate,
      };
    },

    set(cacheKey, pendingEntry) {
      const storing = (async () => {
        let entry: CacheEntry;
        let bytes: Buffer;
        try {
          entry = await pendingEntry;
          bytes = await readAll(entry.value);
        } catch {
          return; // the producer failed or its stream broke off: keep nothing
        }
        if (entry.expire === 0) return; // dynamic: never served from the cache
        const meta: StoredMeta = {
          tags: entry.tags,
          stale: entry.stale,
          timestamp: entry.timestamp,
          expire: entry.expire,
          revalidate: entry.revalidate,
        };
        const expireAt =
          entry.expire >= INFINITE_CACHE ? 0 : Math.round(entry.timestamp + entry.expire * 1000);
        if (expireAt !== 0 && expireAt <= now()) return;
        await availability.run(
          () =>
            run(
              SET,
              [keys.entry(cacheKey), ...entry.tags.map((tag) => keys.index(tag))],
              [JSON.stringify(meta), bytes, String(expireAt), cacheKey],
            ),
          null,
        );
      })().finally(() => {
        if (pendingSets.get(cacheKey) === storing) pendingSets.delete(cacheKey);
      });
      pendingSets.set(cacheKey, storing);
      return storing;
    },

    async refreshTags() {
      // Tag state is read from Redis with every entry: nothing to refresh.
    },

    async getExpiration(tags) {
      if (tags.length === 0) return 0;
      // `get` also checks the soft tags it is given; this answer is for callers that ask first.
      const times = await availability.run(() => run(EXPIRATIONS, [keys.expired], tags), null);
      if (!Array.isArray(times)) return Infinity;
      const current = now();
      return Math.max(0, ...times.map(number).filter((at) => at <= current));
    },

    async updateTags(tags, durations) {
      if (tags.length === 0) return;
      const update: PendingUpdate = { tags: [...tags], durations, at: now() };
      const applied = await availability.run(() => applyUpdate(update).then(() => true), false);
      if (applied) return;
      pendingUpdates.push(update);
      let kept = pendingUpdates.reduce((sum, u) => sum + u.tags.length, 0);
      let drop = 0;
      while (kept > maxPending && drop < pendingUpdates.length - 1) {
        kept -= pendingUpdates[drop]?.tags.length ?? 0;
        drop += 1;
      }
      for (const dropped of pendingUpdates.splice(0, drop)) droppedUpdates += dropped.tags.length;
    },

    async close() {
      availability.close();
      await Promise.allSettled(pendingSets.values());
      client.disconnect();
    },
  };
}
