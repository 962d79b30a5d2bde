import type { AppHandler } from '@approute/request';
import type { ManifestRoute, RouteModule } from './manifest-types.js';
import type { RouteMatch } from './matcher.js';
import type { HeaderRule, RedirectRule } from './custom-routes/rules.js';
import type { CacheEntry, CacheStore } from './static/cache-store.js';

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
  entry: CacheEntry;
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
  /** Where static GET answers are kept (segment config); an in-memory store by default. */
  cache?: CacheStore;
  /** Static GET answers produced at build (`router.static.prerender()`), served from the start. */
  prerendered?: readonly PrerenderedEntry[];
  /** The clock for `revalidate`, in ms since the epoch; `Date.now` by default. */
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
   * module. Rejects when a handler fails (a build error).
   */
  prerender(): Promise<PrerenderedEntry[]>;
  /**
   * Drops the cached static answer of a path, so the next request produces it again.
   * @param path the path below the base path, e.g. `/stats`
   */
  revalidatePath(path: string): Promise<void>;
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
