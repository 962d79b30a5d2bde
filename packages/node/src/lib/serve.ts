import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AppHandler } from '@approute/request';
import { installLightResponse } from './light-response.js';
import { createRequestListener, type ListenerOptions } from './listener.js';
import { closeGracefully, closeOnSignals } from './shutdown.js';

/** Options for {@link serve}: the app, and how the server listens and closes. */
export interface ServeOptions extends ListenerOptions {
  /** The app: a fetch handler, such as `router.fetch`. */
  fetch: AppHandler;
  /** Port to listen on (default 3000; 0 picks a free one). */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  hostname?: string;
  /** Close gracefully and exit 0 on SIGTERM/SIGINT (default true). */
  handleSignals?: boolean;
  /** How long in-flight requests may take to finish when closing, in ms (default 10000). */
  shutdownTimeout?: number;
  /**
   * Replace the global `Response` with one that builds its body stream only when asked, so a
   * string body is written with one `end()`; `close()` puts the native one back (default true;
   * see the README's Performance).
   */
  lightResponse?: boolean;
}

function refuseConnect(_req: IncomingMessage, socket: Duplex): void {
  socket.on('error', () => undefined);
  socket.end('HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
}

/** A running server. */
export interface RunningServer {
  /** The `node:http` server. */
  server: Server;
  /** The base URL it answers on, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** Stops accepting, lets in-flight requests finish (bounded by `shutdownTimeout`), resolves when closed. */
  close: () => Promise<void>;
}

/**
 * Starts a `node:http` server for an app, in the shape of srvx's `serve({ fetch })`.
 * @param options the app (`fetch`), where and how to listen, and how requests are read
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { fetch, port = 3000, hostname = '127.0.0.1', ...listenerOptions } = options;
  const server = createServer(createRequestListener(fetch, listenerOptions));
  // node:http hands CONNECT to a 'connect' listener and, without one, drops the connection
  // unanswered; approute answers it like any method it does not implement.
  server.on('connect', refuseConnect);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const restoreResponse = options.lightResponse !== false ? installLightResponse() : undefined;
  const address = server.address() as AddressInfo;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;

  let closing: Promise<void> | undefined;
  let removeSignalHandlers: (() => void) | undefined;
  const close = (): Promise<void> => {
    removeSignalHandlers?.();
    closing ??= closeGracefully(server, options.shutdownTimeout ?? 10_000).finally(() => {
      restoreResponse?.();
    });
    return closing;
  };
  if (options.handleSignals !== false) removeSignalHandlers = closeOnSignals(close);
  return { server, url: `http://${host}:${String(address.port)}`, close };
}
