export { createRouter } from './lib/router.js';
export type {
  ErrorContext,
  ErrorRequest,
  PrerenderedEntry,
  PrerenderResult,
  RequestErrorHook,
  Router,
  RouterLogger,
  ProxyOptions,
  RouterOptions,
  StaticAnswers,
} from './lib/router-types.js';
export type { RouteMatch } from './lib/matcher.js';
export type { Params } from './lib/params.js';
export { createManifest, type ManifestOptions } from './lib/manifest.js';
export type {
  ManifestRoute,
  ParamKind,
  RouteHandler,
  RouteHandlerContext,
  RouteManifest,
  RouteModule,
  RouteSegment,
} from './lib/manifest-types.js';
export { allowHeader, HTTP_METHODS, isHttpMethod } from './lib/methods.js';
export type { HttpMethod } from './lib/methods.js';
export { checkRouteModule } from './lib/validate.js';
export type { RouteContext, RouteParams } from './lib/types.js';
export {
  AmbiguousRoutesError,
  CatchAllKindsConflictError,
  CatchAllNotLastError,
  DifferentSlugNamesError,
  DuplicateRouteFileError,
  InvalidRouteExportError,
  InvalidSegmentError,
  MalformedParamError,
  OptionalCatchAllSpecificityError,
  OptionalParamError,
  RepeatedSlugNameError,
  RouteConflictError,
  RoutePageConflictError,
  RouterError,
  RouteStartupError,
  StaticProductionError,
  CacheComponentsConfigError,
  type RouterErrorCode,
  type RouteStartupErrorCode,
} from './lib/errors.js';
export { InvalidSegmentConfigError } from './lib/static/segment-config.js';
export {
  createMemoryCacheHandler,
  DEFAULT_MAX_MEMORY_SIZE,
  type MemoryCacheHandler,
  type MemoryCacheOptions,
} from './lib/static/memory-cache.js';
export {
  cacheControlFor,
  CACHE_STATE_HEADER,
  type StaticEntry,
} from './lib/static/static-cache.js';
export {
  INFINITE_CACHE,
  type CacheEntry,
  type CacheHandler,
  type CacheLifeProfile,
  type Timestamp,
} from '@approute/request';
export { StaticGenerationBailoutError } from './lib/static/static-request.js';
export { InvalidStaticParamsError } from './lib/static/static-route.js';
export { StaticParamsMismatchError } from './lib/static/static-paths.js';
export { readSegmentConfig, isStaticGet } from './lib/static/segment-config.js';
export type { DynamicOption, SegmentConfig } from './lib/static/segment-config.js';
export {
  createProxyMatcher,
  requestConditionInput,
  type ProxyMatcher,
} from './lib/proxy/matcher.js';
export { compileMatcherEntries } from './lib/proxy/matcher.js';
export { parseProxyConfig, type MatcherEntry } from './lib/proxy/config.js';
export type { MatcherCondition } from './lib/proxy/conditions.js';
export { ProxyMatcherError, ProxyStartupError } from './lib/proxy/errors.js';
export {
  chooseProxyFile,
  isIgnoredProxyFileName,
  isProxyFileName,
  MIDDLEWARE_DEPRECATION,
  type ProxyFile,
} from './lib/proxy/names.js';
export {
  pickProxyFunction,
  proxyKindOf,
  type LoadedProxy,
  type ProxyFunction,
} from './lib/proxy/module.js';
export {
  checkHeaderRules,
  checkRedirectRules,
  CustomRouteError,
  type HeaderRule,
  type RedirectRule,
  type RedirectStatusCode,
  type RuleHeader,
  type RuleScope,
} from './lib/custom-routes/rules.js';
