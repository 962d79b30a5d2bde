import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AppHandler } from '@approute/request';
import { installLightResponse } from './light-response.js';
import { createRequestListener, type ListenerOptions } from './listener.js';
import { handleProcessErrors } from './process-errors.js';
import { closeGracefully, closeOnSignals, PendingWork } from './shutdown.js';

/** Options for {@link serve}: the app, and how the server listens and closes. */
export interface ServeOptions extends ListenerOptions {
  /** The app: a fetch handler, such as `router.fetch`. */
  fetch: AppHandler;
  /** Port to listen on (default 3000; 0 picks a free one). */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  hostname?: string;
  /**
   * On SIGTERM/SIGINT close gracefully, then exit 0; a second signal exits at once (code 130
   * for SIGINT, 143 for SIGTERM). Default true.
   */
  handleSignals?: boolean;
  /**
   * How long closing may take, in ms: in-flight requests finish, then the `after()` and
   * `waitUntil` work still running; what is left at the end is cut off (default 10000).
   */
  gracePeriod?: number;
  /**
   * Exit with code 1 on an unhandled rejection or an uncaught exception (after logging it, with
   * the route handler it came from), for a supervisor that restarts the process. By default they
   * are logged and the server keeps serving, as Next.js does.
   */
  crashOnError?: boolean;
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
  /**
   * Stops accepting, lets in-flight requests finish, then waits for the `after()` and
   * `waitUntil` work still running, all within `gracePeriod`; resolves when done.
   */
  close: () => Promise<void>;
}

/**
 * Starts a `node:http` server for an app, in the shape of srvx's `serve({ fetch })`.
 * @param options the app (`fetch`), where and how to listen, and how requests are read
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const {
    fetch,
    port = 3000,
    hostname = '127.0.0.1',
    handleSignals,
    gracePeriod = 10_000,
    crashOnError = false,
    lightResponse,
    ...listenerOptions
  } = options;
  const pending = new PendingWork();
  const server = createServer(
    createRequestListener(fetch, { waitUntil: pending.add, ...listenerOptions }),
  );
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
  const restoreResponse = lightResponse !== false ? installLightResponse() : undefined;
  const stopHandlingErrors = handleProcessErrors({ crashOnError });
  const address = server.address() as AddressInfo;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;

  let closing: Promise<void> | undefined;
  let removeSignalHandlers: (() => void) | undefined;
  const close = (): Promise<void> => {
    removeSignalHandlers?.();
    closing ??= (async () => {
      const deadline = performance.now() + gracePeriod;
      // Requests finish first: their after() callbacks start as their answers go out.
      await closeGracefully(server, deadline);
      if (!(await pending.drain(deadline))) {
        console.error(
          `approute: ${String(pending.size)} after()/waitUntil task(s) still running at the end ` +
            `of the grace period (${String(gracePeriod)} ms) were cut off`,
        );
      }
    })().finally(() => {
      stopHandlingErrors();
      restoreResponse?.();
    });
    return closing;
  };
  if (handleSignals !== false) removeSignalHandlers = closeOnSignals(close);
  return { server, url: `http://${host}:${String(address.port)}`, close };
}
