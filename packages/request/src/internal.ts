// The seams between this package and the router and adapters. Not part of the public API:
// these may change in any release, in step with @approute/router, @approute/node and
// @approute/web.
export {
  createLazyRequest,
  asNextRequest,
  isLazyRequest,
  toRequest,
  bodyLimitCrossed,
  bodyLimitOf,
  type LazyRequestInit,
} from './lib/lazy-request.js';
export {
  createRequestScope,
  runInScope,
  enterScope,
  runAfterTasks,
  activeScope,
  RequestScope,
  type ScopeRoute,
  type SyncAccess,
} from './lib/scope.js';
export { syncParams } from './lib/sync-access.js';
export { type ClientConnection } from './lib/client-address.js';
export { payloadTooLargeResponse, payloadTooLargeText } from './lib/body-limit.js';
export { isValidHost, hasValidAuthority, validAuthorityEnd } from './lib/host.js';
export { uncaughtPrefix, type UncaughtKind } from './lib/uncaught.js';
export { withScopeCookies, controlFlowResponse } from './lib/set-cookie-merge.js';
export { middlewareOnlyKind, type MiddlewareOnlyKind } from './lib/next-response.js';
export { readControlFlow, type ControlFlow } from './lib/navigation.js';
export { RESPOND, responderOf, type Responder } from './lib/fast-path.js';
export {
  LightResponse,
  NativeResponse,
  bufferedResponse,
  hasField,
  lightState,
  type BufferedAnswer,
  type LightState,
} from './lib/light-response.js';
export {
  CacheRuntime,
  isExpired,
  isStale,
  type CacheLogger,
  type CacheRuntimeOptions,
  type PendingRevalidation,
  type ReadEntry,
} from './lib/cache/runtime.js';
export {
  RequestCache,
  createProduction,
  type Production,
  type RequestCacheInit,
} from './lib/cache/request-cache.js';
export { DynamicServerError, StaticBailoutError, trackDynamic } from './lib/cache/dynamic.js';
export { patchFetch } from './lib/cache/fetch.js';
export { cachedCall, MIN_PRERENDERABLE_EXPIRE } from './lib/cache/use-cache.js';
export {
  decodeAnswer,
  encodeAnswer,
  readStream,
  streamOf,
  type AnswerHead,
} from './lib/cache/envelope.js';
export { implicitTags, pagePathOf, IMPLICIT_TAG } from './lib/cache/tags.js';
export { resolveProfiles, normalizeProfile } from './lib/cache/profiles.js';
export { guardHandler } from './lib/cache/guard.js';
