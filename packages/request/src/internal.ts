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
  runAfterTasks,
  activeScope,
  RequestScope,
  type ScopeRoute,
  type SyncAccess,
} from './lib/scope.js';
export { syncParams } from './lib/sync-access.js';
export { type ClientConnection } from './lib/client-address.js';
export { payloadTooLargeResponse, payloadTooLargeText } from './lib/body-limit.js';
export { isValidHost, hasValidAuthority } from './lib/host.js';
export { uncaughtPrefix, type UncaughtKind } from './lib/uncaught.js';
export { withScopeCookies, controlFlowResponse } from './lib/set-cookie-merge.js';
export { middlewareOnlyKind, type MiddlewareOnlyKind } from './lib/next-response.js';
export { readControlFlow, type ControlFlow } from './lib/navigation.js';
export { RESPOND, responderOf, type Responder } from './lib/fast-path.js';
