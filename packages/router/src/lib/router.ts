import {
  dispatch,
  produceStatic,
  type DispatchSettings,
  type Fail,
  type LoadedRoute,
  type Respond,
} from './dispatch.js';
import { MalformedParamError } from './errors.js';
import type { ManifestRoute, RouteManifest, RouteModule } from './manifest-types.js';
import { RouteMatcher, type RouteMatch } from './matcher.js';
import { allowHeader } from './methods.js';
import { MemoryCacheStore, type CacheEntry, type CacheStore } from './static/cache-store.js';
import { StaticCache } from './static/static-cache.js';
import { readStaticInfo } from './static/static-route.js';
import { staticPaths } from './static/static-paths.js';
import { canonicalPath, splitTarget, splitUrl, stripBasePath } from './url.js';
import { checkRouteModule, type RouterLogger } from './validate.js';

/** How a router finds and runs route modules. */
export interface RouterOptions {
  /** Loads a route's module; called on the first request for that route, then cached. */
  load: (route: ManifestRoute) => Promise<RouteModule>;
  /** A prefix like `/base`: routes answer only under it. */
  basePath?: string;
  /** Want a trailing slash on every path except file-like ones (`sitemap.xml`). */
  trailingSlash?: boolean;
  /** Development mode: 500 answers carry the error message and stack. */
  dev?: boolean;
  /** Where handler errors and warnings go; `console` by default. */
  logger?: RouterLogger;
  /** Where static GET answers are kept (segment config); an in-memory store by default. */
  cache?: CacheStore;
  /** The clock for `revalidate`, in ms since the epoch; `Date.now` by default. */
  now?: () => number;
}

/** One static answer produced ahead of requests, as a build stores it. */
export interface PrerenderedEntry {
  /** The path below the base path, e.g. `/stats`: the cache key. */
  path: string;
  /** The route's path as written, e.g. `/blog/[slug]`. */
  route: string;
  entry: CacheEntry;
}

/** What an adapter tells the router about the connection a request arrived on. */
export interface HandleOptions {
  /** Registers a callback the adapter calls once the response is sent or aborted (runs `after()`). */
  onClose?: (callback: () => void) => void;
  /** Keeps the runtime alive until the `after()` callbacks settle. */
  waitUntil?: (promise: Promise<unknown>) => void;
  /**
   * The request target as received (`/a\\b?x`), when the adapter has it. `Request#url` has
   * already turned backslashes into slashes; with the raw target they are answered with a 308.
   */
  target?: string;
}

/** Answers requests from a route manifest with Next.js route handler semantics. */
export interface Router {
  /**
   * Answers one request: 308 to the canonical path, 404, 400 for malformed params, then the
   * method semantics of the matched route.
   * @param request a `Request` (wrapped in a `NextRequest` once) or a `NextRequest`
   * @param options connection hooks for `after()`
   */
  handle(request: Request, options?: HandleOptions): Promise<Response>;
  /**
   * `handle` in callback form, for adapters that write the answer themselves: one promise and
   * one microtask less per request. `respond` is called exactly once with the answer (at once
   * when no handler had to be awaited); `fail` instead when an error escaped the router (the
   * adapter answers 500). Neither callback may throw.
   * @param request as for `handle`
   * @param options as for `handle`
   * @param respond gets the answer
   * @param fail gets the error
   */
  respond(
    request: Request,
    options: HandleOptions | undefined,
    respond: (response: Response) => void,
    fail: (error: unknown) => void,
  ): void;
  /**
   * Finds the route for a path below the base path.
   * @param pathname a path like `/shop/1/2`, percent-encoded as in a URL
   * @throws MalformedParamError when a dynamic segment is not valid percent-encoding
   */
  match(pathname: string): RouteMatch | null;
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

/**
 * Creates a router over a manifest; route modules load lazily, on their first request.
 * @param manifest the routes, from `scanApp` or a build
 * @param options how to load modules, base path, trailing slash, development mode, logger
 */
export function createRouter(manifest: RouteManifest, options: RouterOptions): Router {
  if ((manifest as { version: unknown }).version !== 1) {
    throw new TypeError(
      `Unsupported route manifest version ${String((manifest as { version: unknown }).version)}: this router reads version 1. Build the app again.`,
    );
  }
  const basePath = options.basePath ?? '';
  if (basePath !== '' && !/^\/[^?#]*[^/?#]$/.test(basePath)) {
    throw new TypeError(
      `basePath must start with "/" and must not end with "/", received "${basePath}".`,
    );
  }
  const trailingSlash = options.trailingSlash ?? false;
  const dev = options.dev ?? false;
  const logger = options.logger ?? console;
  const matcher = new RouteMatcher(manifest.routes);
  const loading = new Map<ManifestRoute, Promise<LoadedRoute>>();
  const loaded = new Map<ManifestRoute, LoadedRoute>();

  // Loaded once, on the route's first request; later requests get the module without a hop.
  const load = (route: ManifestRoute): LoadedRoute | Promise<LoadedRoute> => {
    const ready = loaded.get(route);
    if (ready) return ready;
    let pending = loading.get(route);
    if (!pending) {
      pending = options.load(route).then((mod) => {
        const { methods, config } = checkRouteModule(route, mod, logger);
        const handlers: LoadedRoute['handlers'] = Object.create(null) as LoadedRoute['handlers'];
        for (const method of methods)
          handlers[method] = mod[method] as LoadedRoute['handlers'][typeof method];
        return readStaticInfo(route, mod, config).then((staticGet) => {
          const result: LoadedRoute = { handlers, allow: allowHeader(methods), staticGet };
          loaded.set(route, result);
          return result;
        });
      });
      // A module that failed to load is tried again on the next request.
      pending.then(
        () => loading.delete(route),
        () => loading.delete(route),
      );
      loading.set(route, pending);
    }
    return pending;
  };

  const store = options.cache ?? new MemoryCacheStore();
  const staticCache = new StaticCache(store, {
    ...(options.now ? { now: options.now } : {}),
    onError: (path) => {
      logger.warn(
        `Regenerating the static answer of ${path} failed; the previous answer is served until it succeeds.`,
      );
    },
  });
  const settings: DispatchSettings = {
    load,
    requestOptions: { basePath },
    dev,
    logger,
    staticCache,
  };

  const match = (pathname: string): RouteMatch | null =>
    matcher.match(canonicalPath(pathname, false).pathname);

  const respondTo = (
    request: Request,
    handleOptions: HandleOptions | undefined,
    respond: Respond,
    fail: Fail,
  ): void => {
    try {
      route(request, handleOptions, respond, fail);
    } catch (error) {
      fail(error);
    }
  };

  const handle = (request: Request, handleOptions?: HandleOptions): Promise<Response> =>
    new Promise((resolve, reject) => {
      respondTo(request, handleOptions, resolve, (error) => {
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });

  const route = (
    request: Request,
    handleOptions: HandleOptions | undefined,
    respond: Respond,
    fail: Fail,
  ): void => {
    const target = handleOptions?.target;
    const { pathname, search } = target?.startsWith('/')
      ? splitTarget(target)
      : splitUrl(request.url);
    const canonical = canonicalPath(pathname, trailingSlash);
    if (canonical.redirect) {
      respond(
        new Response(null, { status: 308, headers: { location: canonical.pathname + search } }),
      );
      return;
    }
    let path = stripBasePath(canonical.pathname, basePath);
    if (path === null) {
      respond(new Response(null, { status: 404 }));
      return;
    }
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    let found: RouteMatch | null;
    try {
      found = matcher.match(path);
    } catch (error) {
      if (!(error instanceof MalformedParamError)) throw error;
      respond(badRequest());
      return;
    }
    if (!found) {
      respond(new Response(null, { status: 404 }));
      return;
    }
    dispatch(
      request,
      settings,
      { route: found.route, params: found.params, url: pathname + search, path },
      handleOptions,
      respond,
      fail,
    );
  };

  const prerender = async (): Promise<PrerenderedEntry[]> => {
    const produced: PrerenderedEntry[] = [];
    for (const route of manifest.routes) {
      const ready = await load(route);
      const info = ready.staticGet;
      const handler = ready.handlers.GET;
      if (!info || !handler) continue;
      for (const { path, params } of staticPaths(route, info.listedParams)) {
        await produceStatic(settings, { route, params, url: path, path }, info, handler);
        const entry = await store.get(path);
        if (entry) produced.push({ path, route: route.id, entry });
      }
    }
    return produced;
  };

  return {
    handle,
    respond: respondTo,
    match,
    prerender,
    revalidatePath: (path) => staticCache.revalidatePath(path),
  };
}

function badRequest(): Response {
  return new Response('Bad Request: malformed percent-encoding in the URL path', {
    status: 400,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}
