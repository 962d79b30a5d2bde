import type { AppHandler, CacheHandler, CacheLifeProfile } from '@approute/request';
import type { ManifestRoute, RouteModule } from './manifest-types.js';
import type { RouteMatch } from './matcher.js';
import type { HeaderRule, RedirectRule } from './custom-routes/rules.js';
import type { StaticEntry } from './static/static-cache.js';

/** Where the router reports handler errors and startup warnings. */
export interface RouterLogger {
  /** A failed request or a startup problem. */
  error(message: string, error?: unknown): void;
  /** Something that works but is probably a mistake. */
  warn(message: string): void;
}

/** The request `onRequestError` is told about, in the shape Next.js's instrumentation gets. */
export interface ErrorRequest {
  /** The request path below the base path, and the query, as received: `/api/users/1?x=2`. */
  path: string;
  method: string;
  /** The request's header fields, by lower-case name. */
  headers: Record<string, string>;
}

/** Where an error reported to `onRequestError` happened, in Next.js's shape. */
export interface ErrorContext {
  routerKind: 'App Router';
  /** The route's path as written, e.g. `/api/users/[id]`. */
  routePath: string;
  routeType: 'route';
  /** `'stale'` while a static answer was being produced, `undefined` for a dynamic request. */
  revalidateReason: 'on-demand' | 'stale' | undefined;
}

/**
 * Told about every error a route handler throws (not `redirect()`/`notFound()`), before the 500
 * goes out, as Next.js calls `onRequestError` of `instrumentation.ts`. What it throws is logged.
 */
export type RequestErrorHook = (
  error: unknown,
  request: ErrorRequest,
  context: ErrorContext,
) => void | Promise<void>;

/** One static answer produced ahead of requests, as a build stores it. */
export interface PrerenderedEntry {
  /** The path below the base path, e.g. `/stats`: the cache key. */
  path: string;
  /** The route's path as written, e.g. `/blog/[slug]`. */
  route: string;
  entry: StaticEntry;
}

/** What `router.static.prerender()` made: the answers, and the routes found dynamic. */
export interface PrerenderResult {
  entries: PrerenderedEntry[];
  /** Route ids whose static GET read request data or uncached data: they run per request. */
  dynamic: string[];
}

/**
 * The app's proxy (`proxy.ts`, or `middleware.ts` by its deprecated name): a function that runs
 * before route matching for the requests its `config.matcher` covers.
 */
export interface ProxyOptions {
  /**
   * The proxy file, relative to the project (`proxy.ts`, `src/middleware.js`): its name decides
   * which export is the proxy (`proxy` or `middleware`, else the default export), and log lines
   * and errors name it.
   */
  file: string;
  /** The module's `config` export (`{ matcher }`), compiled when the router is created. */
  config?: unknown;
  /** Loads the module; called on the first request the matcher covers, then kept. */
  load: () => Promise<Record<string, unknown>>;
}

/** How a router finds and runs route modules: every option of the app, declared once. */
export interface RouterOptions {
  /** Loads a route's module; called on the first request for that route, then cached. */
  load: (route: ManifestRoute) => Promise<RouteModule>;
  /** A prefix like `/base`: routes answer only under it, and `nextUrl.basePath` is it. */
  basePath?: string;
  /** Want a trailing slash on every path except file-like ones (`sitemap.xml`). */
  trailingSlash?: boolean;
  /** Development mode: 500 answers carry the error message and stack. */
  dev?: boolean;
  /** Where handler errors and warnings go; `console` by default (errors as their stack). */
  logger?: RouterLogger;
  /**
   * The cache handler behind static GET answers, `fetch` data, `unstable_cache` and `'use
   * cache'` (Next.js 16's `cacheHandlers` interface); by default an in-memory LRU of
   * `cacheMaxMemorySize` bytes per process (per isolate on fetch runtimes).
   */
  cache?: CacheHandler;
  /**
   * Handlers for `'use cache: <name>'` (next.config's `cacheHandlers`); `default` takes `'use
   * cache'` from `cache`. A name without a handler here uses `cache` for `default` and `remote`.
   */
  cacheHandlers?: Readonly<Record<string, CacheHandler>>;
  /** The bound of the in-memory default, in bytes (next.config's `cacheMaxMemorySize`); 50 MB. */
  cacheMaxMemorySize?: number;
  /** How long one cache handler call may take before it counts as a miss, in ms; 500. */
  cacheTimeoutMs?: number;
  /**
   * Cache Components (next.config's `cacheComponents`): `'use cache'`, `cacheLife`, `cacheTag`;
   * a GET is static when the build could prerender it, and segment config is an error.
   */
  cacheComponents?: boolean;
  /** The app's cacheLife profiles (next.config's `cacheLife`), added to Next's built-in ones. */
  cacheLife?: Readonly<Record<string, CacheLifeProfile>>;
  /** Part of the keys of static answers and `'use cache'` results; a build sets it. */
  buildId?: string;
  /** Static GET answers produced at build (`router.static.prerender()`), served from the start. */
  prerendered?: readonly PrerenderedEntry[];
  /** Route ids the build found dynamic (`prerender()`'s `dynamic`). */
  dynamicRoutes?: readonly string[];
  /** The cache's clock, in ms since the epoch; with its sub-millisecond part by default. */
  now?: () => number;
  /** The proxy that runs in front of the routes, if the app has one. */
  proxy?: ProxyOptions;
  /**
   * next.config's `headers()` rules: response fields for the paths they match, on every
   * answer except redirects (see `checkHeaderRules` for the shape).
   */
  headers?: readonly HeaderRule[];
  /** next.config's `redirects()` rules, tried in order before the routes. */
  redirects?: readonly RedirectRule[];
  /** Told about errors thrown by route handlers (`onRequestError` of `instrumentation.ts`). */
  onRequestError?: RequestErrorHook;
  /**
   * `'next15'`: `params`, `cookies()`, `headers()` and `draftMode()` can also be used without
   * `await` (`params.id`, `cookies().get('a')`), as Next.js 15 allowed for code written for
   * Next.js 14; in development each such use logs Next.js 15's warning. Without it, the router
   * answers as Next.js 16 does (`params.id` is `undefined`).
   */
  compat?: 'next15';
}

/** The router's static GET answers, for builds and revalidation from outside a request. */
export interface StaticAnswers {
  /**
   * Produces the static GET answers that can be made ahead of requests: routes without
   * dynamic segments, and the params their `generateStaticParams` lists. Loads every route
   * module. Rejects when a handler fails (a build error). With Cache Components, every
   * GET-only route without dynamic segments is tried; those that read request data are
   * reported dynamic.
   */
  prerender(): Promise<PrerenderResult>;
  /**
   * `revalidatePath` from outside a request: expires everything produced for the path.
   * @param path the path below the base path, e.g. `/stats`, or a route pattern with `type`
   * @param type `'layout'` reaches every path below it
   */
  revalidatePath(path: string, type?: 'layout' | 'page'): Promise<void>;
  /**
   * `revalidateTag` from outside a request.
   * @param tag the tag
   * @param profile `'max'`, another cacheLife profile or `{ expire }`; none expires at once
   */
  revalidateTag(tag: string, profile?: string | CacheLifeProfile): Promise<void>;
}

/** Answers requests from a route manifest with Next.js route handler semantics. */
export interface Router {
  /**
   * The app: answers one request with 308 to the canonical path, then runs the proxy (when
   * its matcher covers the request), then 404, 400 for malformed params, and the method
   * semantics of the matched route. Hand it to an adapter
   * (`serve({ fetch: router.fetch })`) or call it in a test.
   */
  fetch: AppHandler;
  /**
   * Finds the route for a path below the base path.
   * @param pathname a path like `/shop/1/2`, percent-encoded as in a URL
   * @throws MalformedParamError when a dynamic segment is not valid percent-encoding
   */
  match(pathname: string): RouteMatch | null;
  /** The static GET answers. */
  static: StaticAnswers;
}
