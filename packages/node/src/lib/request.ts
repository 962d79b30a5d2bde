import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { DEFAULT_BODY_LIMIT } from '@approute/request';
import { isValidHost, type LazyRequestInit } from '@approute/request/internal';

/** How the adapter turns a Node request into a `Request`. */
export interface RequestOptions {
  /**
   * Take the origin from `X-Forwarded-Proto`/`X-Forwarded-Host`, and the client's address
   * (`X-Real-IP`) and geolocation (`X-Vercel-IP-*`) from the proxy (only behind a proxy you run).
   */
  trustProxy?: boolean;
  /**
   * The most bytes the readers that buffer the whole body read (`json()`, `text()`,
   * `formData()`, `arrayBuffer()`, `blob()`, `bytes()`); over it the request is answered 413.
   * `request.body` read as a stream is not limited. Default 4 MiB (`DEFAULT_BODY_LIMIT`);
   * `Infinity` for no limit.
   */
  bodyLimit?: number;
}

/** The stable identifier of each error this package throws. */
export type NodeAdapterErrorCode = 'ERR_BAD_HOST';

/** The base of the errors `@approute/node` throws: `code` tells them apart. */
export class NodeAdapterError extends Error {
  /** Which error this is. */
  readonly code: NodeAdapterErrorCode;

  /**
   * @param code the stable error code
   * @param message what went wrong
   */
  constructor(code: NodeAdapterErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * A `Host` (or trusted `X-Forwarded-Host`) header that cannot be the authority of
 * `request.url` (the rule of `isValidHost`): answered 400 before the app runs.
 */
export class BadHostError extends NodeAdapterError {
  override readonly name = 'BadHostError';
  /** @param host the header value */
  constructor(host: string) {
    super('ERR_BAD_HOST', `Invalid Host header: ${JSON.stringify(host)}`);
  }
}

/** The first `Host` field's value, as `req.headers.host` gives it (later duplicates are dropped). */
function rawHost(raw: readonly string[]): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    if (name.length === 4 && (name === 'Host' || name === 'host' || name.toLowerCase() === 'host'))
      return raw[i + 1];
  }
  return undefined;
}

/** The first value of a header that a proxy may have sent as a comma-separated list. */
function firstValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  const comma = text.indexOf(',');
  const first = (comma === -1 ? text : text.slice(0, comma)).trim();
  return first === '' ? undefined : first;
}

// The last origin made, kept so that a client sending the same Host request after request
// gets the same string instead of a new concatenation each time.
let lastProtocol = '';
let lastHost = '';
let lastOrigin = '';

/**
 * The origin of a request (`http://host`): from `Host` (and TLS), or from the forwarded
 * headers when the proxy is trusted.
 * @param req the Node request
 * @param trustProxy whether `X-Forwarded-Proto`/`-Host` count
 * @throws BadHostError for a host that cannot be a URL's authority
 */
export function requestOrigin(req: IncomingMessage, trustProxy: boolean): string {
  let protocol = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
  // Read from the raw list: `req.headers` is built on first access, and most requests never need it.
  let host = rawHost(req.rawHeaders);
  if (trustProxy) {
    const proto = firstValue(req.headers['x-forwarded-proto']);
    if (proto === 'http' || proto === 'https') protocol = proto;
    host = firstValue(req.headers['x-forwarded-host']) ?? host;
  }
  // HTTP/1.0 clients may omit Host; the local address is what they reached.
  if (host === undefined || host === '') {
    const address = req.socket.localAddress ?? '127.0.0.1';
    host = `${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort ?? 80}`;
  }
  if (host === lastHost && protocol === lastProtocol) return lastOrigin;
  if (!isValidHost(host)) throw new BadHostError(host);
  lastProtocol = protocol;
  lastHost = host;
  return (lastOrigin = `${protocol}://${host}`);
}

/**
 * The path and query of a request, exactly as received (a raw `#fragment` dropped, an
 * absolute-form target reduced to its path and query).
 * @param req the Node request
 */
export function requestPath(req: IncomingMessage): string {
  let target = req.url ?? '/';
  // node:http passes a raw `#fragment` through; a request target never carries one.
  const hash = target.indexOf('#');
  if (hash !== -1) target = target.slice(0, hash);
  // An absolute-form target (`GET http://x/y`, proxies only) keeps just its path and query.
  return target.charCodeAt(0) === 47 /* / */ ? target : pathOfAbsoluteForm(target);
}

/**
 * The absolute URL of a request: {@link requestOrigin} and {@link requestPath}.
 * @param req the Node request
 * @param trustProxy whether `X-Forwarded-Proto`/`-Host` count
 */
export function requestUrl(req: IncomingMessage, trustProxy: boolean): string {
  return requestOrigin(req, trustProxy) + requestPath(req);
}

function pathOfAbsoluteForm(target: string): string {
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return `/${target}`;
  }
}

/**
 * A web stream over the Node request body that reads only as fast as the handler consumes
 * (the socket is paused while the stream's queue is full).
 * @param req the Node request
 */
export function requestBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          if (!open) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          if (open) controller.close();
          open = false;
        });
        req.once('error', (error) => {
          if (open) controller.error(error);
          open = false;
        });
        req.once('close', () => {
          // A client that went away mid-body: the reader must not wait forever.
          if (open)
            controller.error(
              new Error('The client closed the connection before the request body was complete'),
            );
          open = false;
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        // Drain what is left so that the connection can be kept alive.
        open = false;
        req.resume();
      },
    },
    { highWaterMark: 1 },
  );
}

/**
 * Collects what the request conversion needs from a Node request, touching nothing lazy.
 * @param req the Node request
 * @param signal returns the signal that aborts when the client goes away (made on first use)
 * @param options proxy trust and body limit
 * @param onTooLarge called when a buffered reader finds the body over the limit
 */
export function requestInit(
  req: IncomingMessage,
  signal: () => AbortSignal,
  options: RequestOptions,
  onTooLarge?: (limit: number) => void,
): LazyRequestInit {
  const method = req.method ?? 'GET';
  const trustProxy = options.trustProxy === true;
  return {
    method,
    // Joined only when something reads request.url: the router works from the raw target.
    origin: requestOrigin(req, trustProxy),
    url: requestPath(req),
    rawHeaders: req.rawHeaders,
    // X-Real-IP for @vercel/functions' ipAddress(): the socket's, unless a trusted proxy says.
    client: req.socket,
    trustProxy,
    body: method === 'GET' || method === 'HEAD' ? undefined : () => requestBody(req),
    signal,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    onTooLarge,
  };
}
