export { NextRequest, type NextRequestInit } from './lib/next-request.js';
export {
  NextResponse,
  type MiddlewareResponseInit,
  type NextResponseInit,
} from './lib/next-response.js';
export { NextFetchEvent, type NextFetchEventInit } from './lib/next-fetch-event.js';
export { NextURL, type NextURLOptions } from './lib/next-url.js';
export { RequestCookies } from './lib/request-cookies.js';
export { ResponseCookies } from './lib/response-cookies.js';
export type { RequestCookie, ResponseCookie } from './lib/cookie-text.js';
export { after, type AfterTask } from './lib/scope.js';
export { userAgent, userAgentFromString, type UserAgent } from './lib/user-agent.js';
export { connection, URLPattern, ImageResponse } from './lib/connection.js';
