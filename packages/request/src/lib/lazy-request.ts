// A request that costs a few property writes to create. It answers `method`, `url` and
// `headers` from the raw data an adapter has, and builds the real `Request` the first time
// anything else is asked for (a body reader, `clone()`, `signal`, `cache`, …). Its prototype
// chain runs through `NextRequest.prototype` to `Request.prototype`, so `instanceof` holds for
// both, and `cookies`/`nextUrl` work unchanged because they only read `url` and `headers`.
// The readers that buffer the whole body stop at the body limit (body-limit.ts).
import { DEFAULT_BODY_LIMIT, PayloadTooLargeError, readAtMost } from './body-limit.js';
import { applyClientAddress, isProxyHeader, type ClientConnection } from './client-address.js';
import {
  BASE_PATH,
  COOKIES,
  NEXT_URL,
  NextRequest,
  REAL_REQUEST,
  setBasePath,
} from './next-request.js';
import { COOKIE_HEADER } from './request-cookies.js';
import { ResponseAborted } from './contract.js';
import { serializeRequestURL } from './request-url.js';

/** What an adapter knows about a request before anyone asks for more. */
export interface LazyRequestInit {
  /** The method token as received (`GET`, `post`, …). */
  method: string;
  /**
   * The absolute URL; answered in the serialised form `Request#url` would give. With `origin`,
   * only the path and query (an origin-form request target).
   */
  url: string;
  /** The URL's origin (`http://host`), when `url` is only the path and query: joined on first read. */
  origin?: string;
  /**
   * Whether `url` (absolute, no `origin`) is already in the form `Request#url` gives, because
   * the runtime parsed it (Bun's `request.url` is): then it is not checked again.
   */
  serialized?: boolean;
  /** Node-style `[name, value, name, value, …]`; names starting with `:` are skipped. */
  rawHeaders?: readonly string[];
  /**
   * Or the headers in any form `new Headers()` takes. Without either, a `source`'s headers are
   * read when first needed (a runtime may build its request's `headers` only when asked: Bun
   * does).
   */
  headers?: HeadersInit;
  /** Called at most once, when the body is first needed (never for GET and HEAD). */
  body?: () => ReadableStream<Uint8Array> | null;
  /**
   * The request's abort signal (the real request follows it), or a function that returns it,
   * called at most once, when the real request is built: an adapter then creates its
   * AbortController only for the requests that need one.
   */
  signal?: AbortSignal | (() => AbortSignal);
  /** The app's base path, for `nextUrl`. */
  basePath?: string;
  /**
   * The connection the request came on: `headers` then carry `X-Real-IP` (and only a trusted
   * proxy's `X-Vercel-IP-*`), which `@vercel/functions` reads. A Node socket can be passed as is.
   */
  client?: ClientConnection;
  /** Whether the client's `X-Real-IP`, `X-Forwarded-For` and `X-Vercel-IP-*` are a trusted proxy's. */
  trustProxy?: boolean;
  /**
   * The most bytes `json()`, `text()`, `formData()`, `arrayBuffer()`, `blob()` and `bytes()`
   * read (default {@link DEFAULT_BODY_LIMIT}; `Infinity` for none); `request.body` is not
   * limited. Over it they reject with `PayloadTooLargeError`.
   */
  bodyLimit?: number;
  /** Called once when a buffered reader finds the body over the limit (the adapter answers 413). */
  onTooLarge?: (limit: number) => void;
  /**
   * A runtime's own request that this one stands for (a fetch adapter's): what is not given
   * is read from it when first needed, `headers`, `body`, and `signal`, which is followed (it
   * aborts with `ResponseAborted` when the runtime's does). One field instead of a closure
   * for each.
   */
  source?: Request;
}

const METHOD = Symbol('approute.lazy.method');
const URL_TEXT = Symbol('approute.lazy.url');
const URL_DONE = Symbol('approute.lazy.urlDone');
const INIT = Symbol('approute.lazy.init');
const HEADERS_INIT = Symbol('approute.lazy.headersInit');
const HEADERS = Symbol('approute.lazy.headers');
const REAL = Symbol('approute.lazy.real');
const LIMIT = Symbol('approute.lazy.limit');
const TOO_LARGE = Symbol('approute.lazy.tooLarge');

// What changes as the request is read is a field; what the adapter gave and nothing changes
// (the origin, raw headers, body, signal, client, …) is read from the init it passed, kept as
// given: a field less to write per request for each.
interface LazyState {
  [METHOD]: string;
  [URL_TEXT]: string;
  [URL_DONE]: boolean;
  [INIT]: LazyRequestInit;
  [HEADERS_INIT]: HeadersInit | undefined;
  [HEADERS]: Headers | undefined;
  [REAL]: Request | undefined;
  [BASE_PATH]: string | undefined;
  [COOKIES]: unknown;
  [NEXT_URL]: unknown;
  [LIMIT]: number;
  [TOO_LARGE]: boolean;
}

// The Fetch standard upper-cases these six method tokens, and only these.
const NORMALIZED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']);

function normalizeMethod(method: string): string {
  if (method === 'GET' || NORMALIZED_METHODS.has(method)) return method;
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

function buildHeaders(
  raw: readonly string[] | undefined,
  init: HeadersInit | undefined,
  client: ClientConnection | undefined,
  trustProxy: boolean,
): Headers {
  if (!raw) {
    const headers = new Headers(init);
    if (client) applyClientAddress(headers, client, trustProxy);
    return headers;
  }
  const headers = new Headers();
  // Without a trusted proxy, a client's own X-Real-IP and X-Vercel-IP-* are left out here.
  const untrusted = client !== undefined && !trustProxy;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    if (name === undefined || value === undefined) break;
    if (name.charCodeAt(0) === 0x3a || (untrusted && isProxyHeader(name))) continue;
    headers.append(name, value);
  }
  if (client) applyClientAddress(headers, client, trustProxy, true);
  return headers;
}

// How this runtime's Headers joins repeated Cookie fields: undici uses '; ', the Fetch standard ', '.
const COOKIE_JOIN = (() => {
  const probe = new Headers([
    ['cookie', 'a'],
    ['cookie', 'b'],
  ]);
  return probe.get('cookie') === 'a; b' ? '; ' : ', ';
})();

// A header value as `Headers` keeps it: leading and trailing HTTP whitespace (tab, LF, CR,
// space) removed; node:http has trimmed spaces and tabs already, so this rarely copies.
function isHttpWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function trimHeaderValue(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

// The `Cookie` header as `headers.get('cookie')` would give it, read from the raw list so that
// parsing cookies does not build every other header too.
function rawCookieHeader(raw: readonly string[]): string | null {
  let header: string | null = null;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    if (name?.length !== 6 || name.toLowerCase() !== 'cookie') continue;
    const value = trimHeaderValue(raw[i + 1] ?? '');
    header = header === null ? value : `${header}${COOKIE_JOIN}${value}`;
  }
  return header;
}

// Following a runtime's signal costs more than the rest of the wrapper (Bun builds the signal
// on first read), so it is done only when the real request is built.
function followSignal(upstream: AbortSignal): AbortSignal {
  const controller = new AbortController();
  if (upstream.aborted) controller.abort(new ResponseAborted());
  else
    upstream.addEventListener(
      'abort',
      () => {
        controller.abort(new ResponseAborted());
      },
      { once: true },
    );
  return controller.signal;
}

function realRequest(lazy: LazyState & Request): Request {
  let real = lazy[REAL];
  if (real) return real;
  const method = lazy.method;
  const init: RequestInit & { duplex?: 'half' } = { method, headers: lazy.headers };
  const given = lazy[INIT];
  const signal = given.signal;
  const source = given.source;
  if (signal) init.signal = typeof signal === 'function' ? signal() : signal;
  else if (source) init.signal = followSignal(source.signal);
  // Called at most once: the real request is built once.
  const body = given.body;
  if (method !== 'GET' && method !== 'HEAD') {
    const stream = body ? body() : source ? source.body : null;
    if (stream) {
      init.body = stream;
      init.duplex = 'half';
    }
  }
  real = new Request(lazy.url, init);
  lazy[REAL] = real;
  lazy[HEADERS] = undefined;
  return real;
}

// The headers the request was given, or its source's, read now if need be.
function headersInitOf(lazy: LazyState): HeadersInit | undefined {
  return (lazy[HEADERS_INIT] ??= lazy[INIT].source?.headers);
}

// The constructor only stores what it is given; every member lives on the prototype.
function LazyRequest(this: LazyState, init: LazyRequestInit, real: Request | undefined): void {
  this[METHOD] = init.method;
  this[URL_TEXT] = init.url;
  this[URL_DONE] = init.serialized === true && init.origin === undefined;
  this[INIT] = init;
  this[HEADERS_INIT] = init.headers;
  this[HEADERS] = undefined;
  this[REAL] = real;
  this[BASE_PATH] = init.basePath;
  // Set now, so that reading `cookies` or `nextUrl` later fills a field the object already
  // has instead of moving it to a new hidden class.
  this[COOKIES] = undefined;
  this[NEXT_URL] = undefined;
  this[LIMIT] = init.bodyLimit ?? (real ? Infinity : DEFAULT_BODY_LIMIT);
  this[TOO_LARGE] = false;
}

const lazyPrototype = Object.create(NextRequest.prototype) as LazyState & Request;
LazyRequest.prototype = lazyPrototype;

Object.defineProperties(lazyPrototype, {
  constructor: { value: NextRequest, writable: true, configurable: true },
  method: {
    configurable: true,
    enumerable: true,
    get(this: LazyState) {
      const real = this[REAL];
      return real ? real.method : (this[METHOD] = normalizeMethod(this[METHOD]));
    },
  },
  url: {
    configurable: true,
    enumerable: true,
    get(this: LazyState) {
      const real = this[REAL];
      if (real) return real.url;
      if (!this[URL_DONE]) {
        const origin = this[INIT].origin;
        this[URL_TEXT] = serializeRequestURL(
          origin === undefined ? this[URL_TEXT] : origin + this[URL_TEXT],
        );
        this[URL_DONE] = true;
      }
      return this[URL_TEXT];
    },
  },
  headers: {
    configurable: true,
    enumerable: true,
    get(this: LazyState) {
      const real = this[REAL];
      if (real) return real.headers;
      const init = this[INIT];
      return (this[HEADERS] ??= buildHeaders(
        init.rawHeaders,
        headersInitOf(this),
        init.client,
        init.trustProxy === true,
      ));
    },
  },
  [COOKIE_HEADER]: {
    configurable: true,
    value(this: LazyState & Request) {
      if (!this[REAL] && !this[HEADERS]) {
        const raw = this[INIT].rawHeaders;
        if (raw) return rawCookieHeader(raw);
        // A runtime's own Headers (Bun, Deno, workerd): read it rather than copying all of it.
        const given = headersInitOf(this);
        if (given instanceof Headers) return given.get('cookie');
      }
      return this.headers.get('cookie');
    },
  },
  [REAL_REQUEST]: {
    configurable: true,
    value(this: LazyState & Request) {
      return realRequest(this);
    },
  },
});

// Every other member of `Request.prototype` (whatever this runtime has) forwards to the real request.
// edge-runtime's Request inherits its body readers from a parent class, so walk the chain.
const own = new Set<PropertyKey>(['constructor', 'method', 'url', 'headers', Symbol.toStringTag]);
const requestKeys: [PropertyKey, object][] = [];
for (
  let proto: object | null = Request.prototype;
  proto && proto !== Object.prototype;
  proto = Reflect.getPrototypeOf(proto)
) {
  for (const key of Reflect.ownKeys(proto))
    if (!requestKeys.some(([seen]) => seen === key)) requestKeys.push([key, proto]);
}
for (const [key, holder] of requestKeys) {
  if (own.has(key)) continue;
  const descriptor = Reflect.getOwnPropertyDescriptor(holder, key);
  if (!descriptor) continue;
  if (descriptor.get) {
    const get = descriptor.get;
    Reflect.defineProperty(lazyPrototype, key, {
      configurable: true,
      enumerable: descriptor.enumerable ?? false,
      get(this: LazyState & Request) {
        return get.call(realRequest(this)) as unknown;
      },
    });
  } else if (typeof descriptor.value === 'function') {
    const method = descriptor.value as (...args: unknown[]) => unknown;
    Reflect.defineProperty(lazyPrototype, key, {
      configurable: true,
      enumerable: descriptor.enumerable ?? false,
      writable: true,
      value(this: LazyState & Request, ...args: unknown[]) {
        return method.apply(realRequest(this), args);
      },
    });
  }
}

// The readers that hold the whole body in memory read it through `readAtMost`, then let the
// runtime's own reader parse the bytes: errors (a SyntaxError for bad JSON, a TypeError for a
// body read twice or a form that does not parse) stay the runtime's.
const BUFFERED = ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text'] as const;

function tooLarge(lazy: LazyState, body: ReadableStream<Uint8Array> | null): never {
  const limit = lazy[LIMIT];
  body?.cancel().catch(() => undefined);
  if (!lazy[TOO_LARGE]) {
    lazy[TOO_LARGE] = true;
    lazy[INIT].onTooLarge?.(limit);
  }
  throw new PayloadTooLargeError(limit);
}

async function readLimited(
  lazy: LazyState & Request,
  reader: (typeof BUFFERED)[number],
): Promise<unknown> {
  const real = realRequest(lazy);
  const body = real.body;
  const limit = lazy[LIMIT];
  const read = (real as unknown as Record<string, () => Promise<unknown>>)[reader];
  if (limit === Infinity || body === null || real.bodyUsed || !read) return read?.call(real);
  // A declared length over the limit is refused before a byte is read.
  if (Number(real.headers.get('content-length')) > limit) tooLarge(lazy, body);
  let bytes: Uint8Array;
  try {
    bytes = await readAtMost(body, limit);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) tooLarge(lazy, null);
    throw error;
  }
  const type = real.headers.get('content-type');
  const copy = new Request('http://body.invalid/', {
    method: 'POST',
    body: bytes as Uint8Array<ArrayBuffer>,
    headers: type === null ? undefined : { 'content-type': type },
  });
  return (copy as unknown as Record<string, () => Promise<unknown>>)[reader]?.call(copy);
}

for (const reader of BUFFERED) {
  if (typeof (Request.prototype as unknown as Record<string, unknown>)[reader] !== 'function')
    continue;
  Reflect.defineProperty(lazyPrototype, reader, {
    configurable: true,
    enumerable: true,
    writable: true,
    value(this: LazyState & Request) {
      return readLimited(this, reader);
    },
  });
}

const Lazy = LazyRequest as unknown as new (
  init: LazyRequestInit,
  real: Request | undefined,
) => NextRequest;

/**
 * Creates a `NextRequest` from raw request data without building a `Request` until a member
 * needs one; `method`, `url`, `headers`, `cookies` and `nextUrl` never do.
 * @param init method, absolute URL, raw headers, a body factory, signal and base path
 */
export function createLazyRequest(init: LazyRequestInit): NextRequest {
  return new Lazy(init, undefined);
}

/**
 * Returns `request` as a `NextRequest` without copying it: a `NextRequest` (lazy or not) is
 * returned itself, told the base path; any other `Request` is wrapped so that every member
 * reads the original.
 * @param request the request
 * @param options the app's base path, for `nextUrl`
 */
export function asNextRequest(request: Request, options: { basePath?: string } = {}): NextRequest {
  if (request instanceof NextRequest) {
    setBasePath(request, options.basePath);
    return request;
  }
  return new Lazy(
    { method: request.method, url: request.url, basePath: options.basePath },
    request,
  );
}

/**
 * Whether a buffered reader of `request` found its body over the body limit: the answer must
 * be 413 whatever the handler made of the rejection.
 * @param request the request a handler got
 */
export function bodyLimitCrossed(request: Request): boolean {
  return (request as Partial<LazyState>)[TOO_LARGE] === true;
}

/**
 * The body limit of `request`'s buffered readers, for the 413 answer.
 * @param request a lazy request
 */
export function bodyLimitOf(request: Request): number {
  return isLazyRequest(request) ? (request as unknown as LazyState)[LIMIT] : Infinity;
}

/**
 * Whether `request` is a lazy request (see {@link createLazyRequest}).
 * @param request any value
 */
export function isLazyRequest(request: unknown): boolean {
  // An own field only the constructor sets, rather than `Object.getPrototypeOf`, which V8
  // answers through a runtime call for these objects (~170 instructions, every request).
  return (
    typeof request === 'object' &&
    request !== null &&
    (request as Partial<LazyState>)[TOO_LARGE] !== undefined
  );
}

/**
 * The real `Request` behind a lazy request (built now if need be), or `request` itself. Pass
 * this to `fetch()` or `new Request()`, which cannot read a lazy request's internals.
 * @param request a request
 */
export function toRequest(request: Request): Request {
  return isLazyRequest(request) ? realRequest(request as LazyState & Request) : request;
}
