import type { AppContext } from '@approute/request';
import { RESPOND, type Responder } from '@approute/request/internal';
import type { Fail, Respond, RouterSettings } from './call.js';
import { dispatch } from './dispatch.js';
import { canonicalTarget, findRoute, targetParts, type LocateSettings } from './locate.js';
import type { RouteManifest } from './manifest-types.js';
import { RouteMatcher, type RouteMatch } from './matcher.js';
import { routeLoader } from './route-loader.js';
import type { PrerenderedEntry, Router, RouterOptions } from './router-types.js';
import { MemoryCacheStore } from './static/cache-store.js';
import { StaticCache } from './static/static-cache.js';
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
 *   development mode, logger, cache store, answers prerendered at build, clock
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
  const store = options.cache ?? new MemoryCacheStore();
  const staticCache = new StaticCache(store, {
    ...(options.now ? { now: options.now } : {}),
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

  const prerender = async (): Promise<PrerenderedEntry[]> => {
    const produced: PrerenderedEntry[] = [];
    for (const route of manifest.routes) {
      const { staticGet } = await load(route);
      if (!staticGet) continue;
      for (const { path, params } of staticPaths(route, staticGet.info.listedParams)) {
        const matched = { route, params, target: path, path };
        const result = await staticCache.produce(path, staticGet.info.revalidate, () =>
          produceStatic(staticGet.handler, staticGet.info, matched, settings, undefined),
        );
        if (!result.stored) throw new StaticProductionError(route.id, route.file);
        produced.push({ path, route: route.id, entry: result.entry });
      }
    }
    return produced;
  };

  return {
    fetch,
    match,
    static: { prerender, revalidatePath: (path) => staticCache.revalidatePath(path) },
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
