import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The upstream the data cache fixtures read, started by whoever starts the server under test. */
export interface Upstream {
  /** `http://127.0.0.1:<port>`; give it to the server under test as `CACHE_UPSTREAM`. */
  origin: string;
  /** How many times `GET /u/<key>` was answered. */
  hits: (key: string) => number;
  stop: () => Promise<void>;
}

/**
 * Starts the upstream on a free loopback port. `GET /u/<key>` counts a hit and answers
 * `{ key, hit }` (`hit` is the count after this one); `GET /count/<key>` answers
 * `{ key, hits }` without counting; `?delay=<ms>` delays either answer.
 */
export async function startUpstream(): Promise<Upstream> {
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://upstream');
    const match = /^\/(u|count)\/(.+)$/.exec(url.pathname);
    if (!match?.[1] || !match[2]) {
      response.writeHead(404).end();
      return;
    }
    const key = decodeURIComponent(match[2]);
    let body: object;
    if (match[1] === 'u') {
      const hit = (counts.get(key) ?? 0) + 1;
      counts.set(key, hit);
      body = { key, hit };
    } else {
      body = { key, hits: counts.get(key) ?? 0 };
    }
    const delay = Number(url.searchParams.get('delay') ?? 0);
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }, delay);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits: (key) => counts.get(key) ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
