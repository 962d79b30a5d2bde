// What travels with one request through the router once its route is known.
import type { AppContext } from '@approute/request';
import type { ManifestRoute } from './manifest-types.js';
import type { HttpMethod } from './methods.js';
import type { Params } from './params.js';
import type { RequestErrorHook, RouterLogger } from './router-types.js';
import type { CacheRuntime } from '@approute/request/internal';
import type { StaticCache } from './static/static-cache.js';

/** A matched request. */
export interface Matched {
  route: ManifestRoute;
  params: Params | undefined;
  /** The request path and query as received, for log lines. */
  target: string;
  /** The canonical path below the base path: the static cache's key. */
  path: string;
}

/** Receives the answer to a request. */
export type Respond = (response: Response) => void;
/** Receives an error no answer could be made for (the adapter answers 500). */
export type Fail = (error: unknown) => void;

/** One request on its way to an endpoint. */
export interface Call {
  request: Request;
  method: HttpMethod;
  matched: Matched;
  context: AppContext | undefined;
  respond: Respond;
  fail: Fail;
}

/** What answers one method of one route: a handler, or an answer the router makes itself. */
export type Endpoint = (call: Call) => void;

/** The router's settings, shared by every request. */
export interface RouterSettings {
  basePath: string;
  dev: boolean;
  logger: RouterLogger;
  /** Where static GET answers are kept. */
  staticCache: StaticCache;
  /** The app's cache: handlers, profiles, the build id. */
  cache: CacheRuntime;
  /** `cacheComponents`: a GET is static only when the build prerendered it. */
  cacheComponents: boolean;
  /** Route ids whose GET the build prerendered (Cache Components). */
  prerenderedRoutes: ReadonlySet<string>;
  /** Route ids whose static GET turned out dynamic (at build or since). */
  dynamicRoutes: Set<string>;
  /** Told about handler errors before their 500 goes out. */
  onRequestError: RequestErrorHook | undefined;
  /** Whether `params`, `cookies()`, … allow synchronous access (`compat: 'next15'`). */
  syncAccess: boolean;
}

/** What a route's handlers need to know about the route for the cache, computed at load. */
export interface RouteCacheInfo {
  /** The page path its implicit tags are made from (`/blog/[slug]/route`). */
  page: string;
  /** The `fetchCache` segment option, when exported. */
  fetchCache: string | undefined;
  /** `dynamic = 'force-dynamic'`. */
  forceDynamic: boolean;
}
