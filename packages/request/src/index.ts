export * from './server.js';
export * from './headers.js';
export * from './navigation.js';
export { InvalidCookieError, type CookieOptions } from './lib/cookie-text.js';
export { ReadonlyHeaders, ReadonlyHeadersError } from './lib/readonly-headers.js';
export {
  createLazyRequest,
  asNextRequest,
  isLazyRequest,
  toRequest,
  type LazyRequestInit,
} from './lib/lazy-request.js';
export {
  createRequestScope,
  runInScope,
  finalizeResponse,
  runAfterTasks,
  controlFlowResponse,
  RequestScope,
  ReadonlyRequestCookiesError,
  OutsideRequestScopeError,
  type AfterTask,
} from './lib/scope.js';
export { middlewareOnlyKind, type MiddlewareOnlyKind } from './lib/next-response.js';
export {
  readControlFlow,
  RedirectError,
  HTTPAccessFallbackError,
  type ControlFlow,
} from './lib/navigation.js';
export { MalformedURLError } from './lib/absolute-url.js';
export * from './cache.js';
