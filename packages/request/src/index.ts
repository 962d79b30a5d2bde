// The public API: what Next.js's `next/server`, `next/headers`, `next/navigation` and
// `next/cache` export (each also has its own entry), the app contract every adapter speaks, and
// the errors these throw. The seams the router and adapters use are on `./internal`.
export type { AppContext, AppHandler } from './lib/contract.js';
export { ResponseAborted } from './lib/contract.js';
export { RequestApiError, type RequestErrorCode } from './lib/errors.js';
export { PayloadTooLargeError, DEFAULT_BODY_LIMIT } from './lib/body-limit.js';
export { NextRequest, type NextRequestInit } from './lib/next-request.js';
export {
  NextResponse,
  type MiddlewareResponseInit,
  type NextResponseInit,
} from './lib/next-response.js';
export {
  NextFetchEvent,
  PageSignatureError,
  type NextFetchEventInit,
} from './lib/next-fetch-event.js';
export { NextURL, type NextURLOptions } from './lib/next-url.js';
export { RequestCookies } from './lib/request-cookies.js';
export { ResponseCookies } from './lib/response-cookies.js';
export {
  InvalidCookieError,
  type CookieOptions,
  type RequestCookie,
  type ResponseCookie,
} from './lib/cookie-text.js';
export {
  after,
  InvalidAfterTaskError,
  OutsideRequestScopeError,
  ReadonlyRequestCookiesError,
} from './lib/scope.js';
export { userAgent, userAgentFromString, type UserAgent } from './lib/user-agent.js';
export { connection, URLPattern, ImageResponse } from './lib/connection.js';
export type { AfterTask } from './lib/scope.js';
export { cookies, headers, draftMode, type DraftMode } from './lib/request-apis.js';
export { ReadonlyHeaders, ReadonlyHeadersError } from './lib/readonly-headers.js';
export {
  redirect,
  permanentRedirect,
  notFound,
  forbidden,
  unauthorized,
  unstable_rethrow,
  RedirectType,
  RedirectError,
  HTTPAccessFallbackError,
} from './lib/navigation.js';
// next/cache, as its entry point gives it.
export * from './cache.js';
export {
  INFINITE_CACHE,
  type CacheEntry,
  type CacheHandler,
  type Timestamp,
} from './lib/cache/handler.js';
export { BUILT_IN_PROFILES } from './lib/cache/profiles.js';
export { MalformedURLError } from './lib/absolute-url.js';
