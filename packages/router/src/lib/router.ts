import { revalidatePath, revalidateTag, type AppContext } from '@approute/request';
import {
  CacheRuntime,
  createRequestScope,
  patchFetch,
  RequestCache,
  resolveProfiles,
  RESPOND,
  runInScope,
  type Responder,
} from '@approute/request/internal';
import type { Fail, Respond, RouterSettings } from './call.js';
import { dispatch } from './dispatch.js';
import { canonicalTarget, findRoute, targetParts, type LocateSettings } from './locate.js';
import type { RouteManifest } from './manifest-types.js';
import { RouteMatcher, type RouteMatch } from './matcher.js';
import { routeLoader } from './route-loader.js';
import type { PrerenderedEntry, PrerenderResult, Router, RouterOptions } from './router-types.js';
import { createMemoryCacheHandler, preciseNow } from './static/memory-cache.js';
import { StaticCache } from './static/static-cache.js';
import { implicitTags } from '@approute/request/internal';
import { produceStatic } from './static/static-get.js';
import { staticPaths } from './static/static-paths.js';
import { canonicalPath } from './url.js';
import {
  compileCustomRoutes,
  withRuleFields,
  type CustomRoutes,
} from './custom-routes/custom-routes.js';
import * as messages from './messages.js';
import { StaticProductionError } from './errors.js';
import { consoleLogger } from './console-logger.js';
import { createProxyStep, type Continue } from './proxy/step.js';

const BASE_PATH = /^\/[^?#]*[^/?#]$/;

/**
 * Creates a router over a manifest; route modules load lazily, on their first request.
 * @param manifest the routes, from a scan of `app/` or a build
 * @param options every option of the app: how to load modules, base path, trailing slash,
 *   development mode, logger, cache handlers and options, answers prerendered at build, clock
 */
export function createRouter(manifest: RouteManifest, options: RouterOptions): Router {
  const version = (manifest as { version: unknown }).version;
  if (version !== 2) {
    throw new TypeError(
      `Unsupported route manifest version ${String(version)}: this router reads version 2. ` +
        'Build the app again.',
    );
  }
  const basePath = options.basePath ?? '';
  if (basePath !== '' && !BASE_PATH.test(basePath)) {
    throw new TypeError(
      `basePath must start with "/" and must not end with "/", received "${basePath}".`,
    );
  }
  if (options.compat !== undefined && (options.compat as unknown) !== 'next15') {
    throw new TypeError(
      `compat must be "next15" or left out, received ${JSON.stringify(options.compat)}.`,
    );
  }
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? preciseNow;
  const cacheComponents = options.cacheComponents ?? false;
  const cache = new CacheRuntime({
    handler:
      options.cache ?? createMemoryCacheHandler({ maxSize: options.cacheMaxMemorySize, now }),
    handlers: options.cacheHandlers,
    builtIn: options.cache === undefined,
    profiles: resolveProfiles(options.cacheLife),
    logger,
    buildId: options.buildId ?? 'dev',
    dev: options.dev ?? false,
    cacheComponents,
    now,
    timeoutMs: options.cacheTimeoutMs,
  });
  // fetch's cache options work inside requests, as in Next.js, which patches it the same way.
  patchFetch();
  const staticCache = new StaticCache(cache, {
    onError: (path) => {
      logger.warn(messages.regenerationFailed(path));
    },
  });
  if (options.prerendered) staticCache.seed(options.prerendered);
  const settings: RouterSettings = {
    basePath,
    dev: options.dev ?? false,
    logger,
    staticCache,
    cache,
    cacheComponents,
    prerenderedRoutes: new Set((options.prerendered ?? []).map((entry) => entry.route)),
    dynamicRoutes: new Set(options.dynamicRoutes ?? []),
    onRequestError: options.onRequestError,
    syncAccess: options.compat === 'next15',
  };
  const load = routeLoader(options.load, settings);
  const matcher = new RouteMatcher(manifest.routes);
  const where: LocateSettings = { matcher, basePath };
  const trailingSlash = options.trailingSlash ?? false;
  const proxy = options.proxy && createProxyStep(options.proxy, settings);

  const route: Responder = (request, context, answer: Respond, fail: Fail) => {
    try {
      const target = canonicalTarget(request, context, trailingSlash);
      if (target instanceof Response) answer(target);
      else if (proxy?.covers(target, request)) {
        const next: Continue = (routeRequest, pathname, routeAnswer, routeFail) => {
          try {
            const located = findRoute(pathname, target.target, where);
            if (!('route' in located)) routeAnswer(located);
            else dispatch(routeRequest, located, context, load, settings, routeAnswer, routeFail);
          } catch (error) {
            routeFail(error);
          }
        };
        proxy.run(request, context, target, next, answer, fail);
      } else {
        const located = findRoute(target.pathname, target.target, where);
        if (!('route' in located)) answer(located);
        else dispatch(request, located, context, load, settings, answer, fail);
      }
    } catch (error) {
      fail(error);
    }
  };
  const custom = compileCustomRoutes(options.headers ?? [], options.redirects ?? [], basePath);
  const respond = custom ? withCustomRoutes(route, custom, trailingSlash) : route;

  const fetch = (request: Request, context?: AppContext): Promise<Response> =>
    new Promise((resolve, reject) => {
      respond(request, context, resolve, (error) => {
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  Object.defineProperty(fetch, RESPOND, { value: respond });

  const match = (pathname: string): RouteMatch | null =>
    matcher.match(canonicalPath(pathname, false).pathname);

  const prerender = async (): Promise<PrerenderResult> => {
    const produced: PrerenderedEntry[] = [];
    const dynamic: string[] = [];
    for (const route of manifest.routes) {
      const { staticGet } = await load(route);
      if (!staticGet) continue;
      for (const { path, params } of staticPaths(route, staticGet.info.listedParams)) {
        const matched = { route, params, target: path, path };
        const softTags = implicitTags(staticGet.info.cache.page, path);
        const result = await staticCache.produce(path, softTags, () =>
          produceStatic(staticGet.handler, staticGet.info, matched, settings, undefined),
        );
        if (result.kind === 'dynamic') {
          if (!dynamic.includes(route.id)) dynamic.push(route.id);
          continue;
        }
        if (result.kind === 'failed') throw new StaticProductionError(route.id, route.file);
        produced.push({ path, route: route.id, entry: result.entry });
      }
    }
    for (const id of dynamic) settings.dynamicRoutes.add(id);
    return { entries: produced.filter((entry) => !dynamic.includes(entry.route)), dynamic };
  };

  // revalidatePath/revalidateTag from outside a request: the same calls, in a scope of their own.
  const revalidateOutside = async (call: () => void): Promise<void> => {
    const scope = createRequestScope(new Request('http://localhost/'));
    const requestCache = new RequestCache({
      runtime: cache,
      route: '/',
      page: '/route',
      pathname: '/',
    });
    scope.cache = requestCache;
    runInScope(scope, call);
    await cache.apply(requestCache.pending);
  };

  return {
    fetch,
    match,
    static: {
      prerender,
      revalidatePath: (path, type) =>
        revalidateOutside(() => {
          revalidatePath(path, type);
        }),
      revalidateTag: (tag, profile) =>
        revalidateOutside(() => {
          revalidateTag(tag, profile);
        }),
    },
  };
}

// next.config's headers() and redirects() around the routes (custom-routes.ts says the order).
// The 308 to the canonical path comes first and, as every redirect, carries no rule fields.
function withCustomRoutes(
  route: Responder,
  custom: CustomRoutes,
  trailingSlash: boolean,
): Responder {
  return (request, context, answer, fail) => {
    let fields;
    try {
      const parts = targetParts(request, context);
      if (parts && !canonicalPath(parts.pathname, trailingSlash).redirect) {
        const { pathname, search } = parts;
        fields = custom.headersFor(pathname, search, request);
        const redirect = custom.redirectFor(pathname, search, request);
        if (redirect) {
          answer(redirect);
          return;
        }
      }
    } catch (error) {
      fail(error);
      return;
    }
    const found = fields;
    route(
      request,
      context,
      found
        ? (response) => {
            answer(withRuleFields(response, found));
          }
        : answer,
      fail,
    );
  };
}
