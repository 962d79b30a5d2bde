import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppHandler } from '@approute/request';
import { createRequestListener, type ListenerOptions } from './listener.js';

/** A loopback server for one test: its base URL and a close function. */
export interface TestServer {
  server: Server;
  url: string;
  close: () => Promise<void>;
}

/**
 * Listens on 127.0.0.1 with a free port, serving `handler` through the request listener.
 * @param handler the handler under test
 * @param options listener options
 */
export async function listen(
  handler: AppHandler,
  options: ListenerOptions = {},
): Promise<TestServer> {
  const server = createServer(
    createRequestListener(handler, { onError: () => undefined, ...options }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
