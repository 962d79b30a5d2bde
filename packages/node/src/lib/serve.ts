import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestListener, type FetchHandler } from './listener.js';

/** Options for {@link serve}. */
export interface ServeOptions {
  handler: FetchHandler;
  port?: number;
  hostname?: string;
}

/** A running server. */
export interface RunningServer {
  server: Server;
  url: string;
  close: () => Promise<void>;
}

/**
 * Starts a `node:http` server for a fetch-style handler.
 * @param options the handler, port (default 3000) and hostname (default 127.0.0.1)
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const server = createServer(createRequestListener(options.handler));
  const hostname = options.hostname ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
