import { validateAbsoluteURL } from './absolute-url.js';
import { nextUrlOf, type NextURL } from './next-url.js';
import { RequestCookies } from './request-cookies.js';

/** Where a request keeps its parsed cookies (symbol-keyed so that a lazy request can hold it too). */
export const COOKIES = Symbol('approute.request.cookies');
/** Where a request keeps its `NextURL`. */
export const NEXT_URL = Symbol('approute.request.nextUrl');
/** The app's base path, as the request was told it. */
export const BASE_PATH = Symbol('approute.request.basePath');
/** On a lazy request: builds (once) and returns the real `Request` behind it. */
export const REAL_REQUEST = Symbol('approute.request.real');

/**
 * Whether `request.cookies` was read already (then it holds any changes made to it).
 * @param request the request
 */
export function hasParsedCookies(request: NextRequest): boolean {
  return request[COOKIES] !== undefined;
}

/**
 * Tells a request the app's base path (its `nextUrl` is rebuilt on next access).
 * @param request the request
 * @param basePath the base path, or `undefined` for none
 */
export function setBasePath(request: NextRequest, basePath: string | undefined): void {
  if ((request[BASE_PATH] ?? '') === (basePath ?? '')) return;
  request[BASE_PATH] = basePath;
  request[NEXT_URL] = undefined;
}

/** `RequestInit` plus what Next.js lets a `NextRequest` be told about the app. */
export interface NextRequestInit extends RequestInit {
  /** The app's settings that shape `nextUrl`. */
  nextConfig?: { basePath?: string };
}

interface Unwrappable {
  [REAL_REQUEST]: () => Request;
}

function isLazy(input: unknown): input is Unwrappable {
  return typeof input === 'object' && input !== null && REAL_REQUEST in input;
}

/**
 * The request a route handler receives: a `Request` with `cookies` and `nextUrl`, both built
 * on first access from `url` and `headers`.
 */
export class NextRequest extends Request {
  declare [COOKIES]: RequestCookies | undefined;
  declare [NEXT_URL]: NextURL | undefined;
  declare [BASE_PATH]: string | undefined;

  /**
   * Creates a request, like `new Request`, from an absolute URL or another request.
   * @param input an absolute URL, or a request to copy
   * @param init `RequestInit`, plus `nextConfig.basePath`
   * @throws Error when the URL is not absolute
   */
  constructor(input: URL | RequestInfo, init: NextRequestInit = {}) {
    const source = isLazy(input) ? input[REAL_REQUEST]() : input;
    validateAbsoluteURL(
      typeof source === 'string' || source instanceof URL ? String(source) : source.url,
    );
    const { nextConfig, ...requestInit } = init;
    super(source, requestInit);
    const basePath =
      nextConfig?.basePath ?? (input instanceof NextRequest ? input[BASE_PATH] : undefined);
    if (basePath) this[BASE_PATH] = basePath;
  }

  /** The request's cookies, parsed from its `Cookie` header on first access. */
  get cookies(): RequestCookies {
    return (this[COOKIES] ??= new RequestCookies(this));
  }

  /** The request URL as a `NextURL` (pathname without the base path), built on first access. */
  get nextUrl(): NextURL {
    return (this[NEXT_URL] ??= nextUrlOf(this.url, this[BASE_PATH]));
  }
}
