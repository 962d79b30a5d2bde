import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import {
  createRouter,
  type ManifestRoute,
  type RouteManifest,
  type RouteModule,
  type RouterLogger,
} from '@approute/router';
import { readBuildOutput } from './build-output.js';
import { installLightResponse } from './light-response.js';
import { createRequestListener, type FetchHandler, type RouterLike } from './listener.js';
import { closeGracefully, closeOnSignals } from './shutdown.js';

/** What {@link serve} answers with: exactly one of `handler`, `dir` or `manifest`. */
export type ServeSource =
  | {
      /** A `Router` or a fetch-style function. */ handler: RouterLike | FetchHandler;
      dir?: never;
      manifest?: never;
    }
  | {
      /** A build output folder (`.approute`, from `approute build`). */ dir: string;
      handler?: never;
      manifest?: never;
    }
  | {
      /** A route manifest, with the loader of its route modules. */
      manifest: RouteManifest;
      load: (route: ManifestRoute) => Promise<RouteModule>;
      handler?: never;
      dir?: never;
    };

/** Options for {@link serve}. */
export type ServeOptions = ServeSource & ServeSettings;

/** Where and how {@link serve} listens. */
export interface ServeSettings {
  /** Port to listen on (default 3000; 0 picks a free one). */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  hostname?: string;
  /** The app's base path, seen by requests as `nextUrl.basePath`. */
  basePath?: string;
  /** Take the origin from `X-Forwarded-Proto`/`-Host` (only behind a proxy you run). */
  trustProxy?: boolean;
  /** The largest request body accepted, in bytes; larger ones get 413 (default: no limit). */
  bodyLimit?: number;
  /** Close gracefully and exit 0 on SIGTERM/SIGINT (default true). */
  handleSignals?: boolean;
  /** How long in-flight requests may take to finish when closing, in ms (default 10000). */
  shutdownTimeout?: number;
  /** Where errors go that the handler did not turn into a response (default console.error). */
  onError?: (error: unknown) => void;
  /**
   * Replace the global `Response` with one that builds its body stream only when asked, so a
   * string body is written with one `end()` (default true; see the README's Performance).
   */
  lightResponse?: boolean;
  /** With `dir` or `manifest`: paths end with a slash (`/a/`), as Next.js's `trailingSlash: true`. */
  trailingSlash?: boolean;
  /** With `dir` or `manifest`: development mode (500 answers carry the error's stack). */
  dev?: boolean;
  /** With `dir` or `manifest`: where the router logs handler errors and warnings (default console). */
  logger?: RouterLogger;
}

async function handlerOf(options: ServeOptions): Promise<RouterLike | FetchHandler> {
  if (options.handler) return options.handler;
  const { manifest, load, cache } =
    options.dir !== undefined
      ? await readBuildOutput(options.dir)
      : { ...options, cache: undefined };
  const { basePath, trailingSlash, dev, logger } = options;
  return createRouter(manifest, { load, cache, basePath, trailingSlash, dev, logger });
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
 * Starts a `node:http` server for a build output folder, a route manifest, a router or a
 * fetch-style handler.
 * @param options what answers (`dir`, `manifest` + `load`, or `handler`) and where and how to listen
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  if (options.lightResponse !== false) installLightResponse();
  const server = createServer(
    createRequestListener(await handlerOf(options), {
      trustProxy: options.trustProxy,
      basePath: options.basePath,
      bodyLimit: options.bodyLimit,
      onError: options.onError,
    }),
  );
  // node:http hands CONNECT to a 'connect' listener and, without one, drops the connection
  // unanswered; approute answers it like any method it does not implement.
  server.on('connect', refuseConnect);
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

  let closing: Promise<void> | undefined;
  let removeSignalHandlers: (() => void) | undefined;
  const close = (): Promise<void> => {
    removeSignalHandlers?.();
    closing ??= closeGracefully(server, options.shutdownTimeout ?? 10_000);
    return closing;
  };
  if (options.handleSignals !== false) removeSignalHandlers = closeOnSignals(close);
  return { server, url: `http://${host}:${port}`, close };
}
