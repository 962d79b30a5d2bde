import type { NextURL } from './next-url.js';
import { validateAbsoluteURL } from './absolute-url.js';
import {
  createLight,
  jsonText,
  lightPrototypeOf,
  lightResponses,
  NativeResponse,
  nativeConstruct,
  type NativeBuild,
} from './light-response.js';
import { ResponseCookies } from './response-cookies.js';

const COOKIES = Symbol('approute.response.cookies');
const KIND = Symbol('approute.response.kind');
const BODY = Symbol('approute.response.body');
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** What a middleware-only response asks for. */
export type MiddlewareOnlyKind = 'rewrite' | 'next';

/** `ResponseInit` as Next.js's `NextResponse` takes it. */
export type NextResponseInit = ResponseInit;

/**
 * What `NextResponse.next()` and `NextResponse.rewrite()` take besides `ResponseInit`: the
 * headers the route (or the rewrite destination) sees instead of the request's own.
 */
export interface MiddlewareResponseInit extends ResponseInit {
  /** The request as the route should see it; only its `headers` are read. */
  request?: { headers?: Headers };
}

// Next.js's encoding of `{ request: { headers } }` on the response: the list of header names
// the route's request keeps, and each one's value under its own prefixed name. The proxy step
// of the router reads them back (packages/router/src/lib/proxy/outcome.ts).
function overrideRequestHeaders(init: MiddlewareResponseInit | undefined, headers: Headers): void {
  const given = init?.request?.headers;
  if (given === undefined) return;
  if (!(given instanceof Headers))
    throw new Error('request.headers must be an instance of Headers');
  const names: string[] = [];
  for (const [name, value] of given) {
    headers.set(`x-middleware-request-${name}`, value);
    names.push(name);
  }
  headers.set('x-middleware-override-headers', names.join(','));
}

/** Carries the body type of `NextResponse.json<T>()` for type checking. */
interface TypedBody<Body> {
  readonly [BODY]?: Body;
}

// While light responses are on (the Node adapter's serve()), a NextResponse is made as a light
// one, on a prototype that inherits NextResponse's own members (light-response.ts): `instanceof`
// holds, and the adapter writes its string body with one `end()`. Subclasses stay native.
let lightPrototype: typeof NextResponse.prototype | undefined;

const TEXT = 'text/plain;charset=UTF-8';
const JSON_TYPE = 'application/json';

// The init with `content-type: application/json` added unless it sets one (what `json` gives
// the native constructor).
function jsonInit(init: ResponseInit | undefined): ResponseInit {
  const headers = new Headers(init?.headers);
  if (!headers.has('content-type')) headers.set('content-type', JSON_TYPE);
  return { ...init, headers };
}

const nativeJson: NativeBuild = (text, init) => new NativeResponse(text, jsonInit(init));

function light<T>(
  body: BodyInit | null | undefined,
  init: ResponseInit | undefined,
  json: boolean,
): NextResponse<T> {
  lightPrototype ??= lightPrototypeOf(NextResponse.prototype);
  // The prototype serves every body type; the instance carries this call's.
  const prototype = lightPrototype as NextResponse<T>;
  return json
    ? createLight(prototype, body, init, JSON_TYPE, nativeJson)
    : createLight(prototype, body, init, TEXT, nativeConstruct);
}

function create<T>(
  body: BodyInit | null | undefined,
  init: ResponseInit | undefined,
  json = false,
): NextResponse<T> {
  if (lightResponses()) return light<T>(body, init, json);
  if (!json) return new NextResponse<T>(body, init);
  if (init?.headers === undefined) {
    // Without headers given, the content type is set after construction: on Bun that takes
    // half the time of converting a headers init (the string body's text/plain is replaced).
    const response = new NextResponse<T>(body, init);
    response.headers.set('content-type', JSON_TYPE);
    return response;
  }
  return new NextResponse<T>(body, jsonInit(init));
}

/** A `Response` with `cookies` and the Next.js static helpers `json`, `redirect`, `rewrite` and `next`. */
export class NextResponse<Body = unknown> extends NativeResponse implements TypedBody<Body> {
  declare [COOKIES]: ResponseCookies | undefined;
  declare [KIND]: MiddlewareOnlyKind | undefined;
  /** Only carries the body type of `NextResponse.json<T>()` for type checking; never set. */
  declare readonly [BODY]?: Body;

  /**
   * Creates a response, like `new Response`.
   * @param body the body
   * @param init status, status text and headers
   */
  constructor(body?: BodyInit | null, init?: ResponseInit) {
    if (new.target === NextResponse && lightResponses()) {
      return light<Body>(body, init, false);
    }
    super(body, init);
  }

  /** The response's cookies: each change rewrites its `Set-Cookie` fields. */
  get cookies(): ResponseCookies {
    return (this[COOKIES] ??= new ResponseCookies(this.headers));
  }

  /**
   * Answers `body` serialised as JSON, like `Response.json`.
   * @param body any JSON-serialisable value
   * @param init status, status text and headers
   */
  static override json<JsonBody>(body: JsonBody, init?: ResponseInit): NextResponse<JsonBody> {
    // Built from the JSON text rather than from `Response.json(…).body`, so that the response
    // keeps a string source an adapter can write in one go instead of reading a stream.
    return create<JsonBody>(jsonText(body), init, true);
  }

  /**
   * Answers a redirect to an absolute URL.
   * @param url the target, absolute
   * @param init a status (301, 302, 303, 307 or 308; default 307) or a `ResponseInit`
   * @throws RangeError for any other status; MalformedURLError for a relative URL
   */
  static override redirect(
    url: string | NextURL | URL,
    init?: number | ResponseInit,
  ): NextResponse {
    const status = typeof init === 'number' ? init : (init?.status ?? 307);
    if (!REDIRECT_STATUSES.has(status)) {
      throw new RangeError('Failed to execute "redirect" on "response": Invalid status code');
    }
    const options = typeof init === 'object' ? init : {};
    const headers = new Headers(options.headers);
    headers.set('location', validateAbsoluteURL(url));
    return create(null, { ...options, headers, status });
  }

  /**
   * Proxy-only: serves another URL while the client keeps the one it asked for: a path of this
   * app (the route matched by that path answers), or an external URL (fetched and streamed
   * back). A route handler that returns it answers 500.
   * @param destination the absolute URL to serve instead
   * @param init status, status text, headers for the client, and `request.headers` for the
   *   destination
   * @throws Error when `request.headers` is not a `Headers`
   */
  static rewrite(destination: string | NextURL | URL, init?: MiddlewareResponseInit): NextResponse {
    const headers = new Headers(init?.headers);
    headers.set('x-middleware-rewrite', validateAbsoluteURL(destination));
    overrideRequestHeaders(init, headers);
    const response = create(null, { ...init, headers });
    response[KIND] = 'rewrite';
    return response;
  }

  /**
   * Proxy-only: continues to the route. `headers` go to the client (and, as in Next.js, to the
   * route's request too); `request.headers` replace the headers the route sees. A route
   * handler that returns it answers 500.
   * @param init status, status text, headers, and `request.headers` for the route
   * @throws Error when `request.headers` is not a `Headers`
   */
  static next(init?: MiddlewareResponseInit): NextResponse {
    const headers = new Headers(init?.headers);
    headers.set('x-middleware-next', '1');
    overrideRequestHeaders(init, headers);
    const response = create(null, { ...init, headers });
    response[KIND] = 'next';
    return response;
  }
}

/**
 * Tells whether a response came from `NextResponse.rewrite()` or `NextResponse.next()`, which
 * only middleware may return.
 * @param response the handler's response
 */
export function middlewareOnlyKind(response: Response): MiddlewareOnlyKind | undefined {
  return response instanceof NextResponse ? response[KIND] : undefined;
}
