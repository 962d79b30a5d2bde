// A static GET is a wrapper around the route's GET endpoint, chosen when the module loads:
// the answer is served from the static cache, produced on a miss with the request Next.js
// substitutes during static generation. A failed production answers its 500 and is not cached;
// the next request tries again. A production that turns out dynamic (an uncached fetch,
// `headers()`, `unstable_noStore()` outside `force-static`) makes the route dynamic from then on:
// this request and the next ones run the handler with the real request.
import { empty, failure } from '../answers.js';
import type { Call, Endpoint, Matched, RouteCacheInfo, RouterSettings } from '../call.js';
import { invoke } from '../invoke.js';
import type { RouteHandler } from '../manifest-types.js';
import * as messages from '../messages.js';
import { StaticGenerationBailoutError, staticRequest } from './static-request.js';
import type { Production } from './static-cache.js';
import { paramsKey, type StaticGetInfo } from './static-route.js';
import {
  createProduction,
  createRequestScope,
  implicitTags,
  RequestCache,
  trackDynamic,
} from '@approute/request/internal';

/**
 * Runs the GET handler with the substituted request and gives its answer, whether it failed,
 * and what the data it read says about the answer.
 * @param handler the route's GET
 * @param info the route's static settings
 * @param matched the route, its params and its path
 * @param settings the router's settings
 * @param context the adapter's hooks of the request that asked (`after()`), if any
 */
export function produceStatic(
  handler: RouteHandler,
  info: StaticGetInfo,
  matched: Matched,
  settings: RouterSettings,
  context: Call['context'],
): Promise<Production> {
  const state = createProduction(info.dynamic, info.revalidate);
  const cache = new RequestCache({
    runtime: settings.cache,
    route: matched.route.id,
    page: info.cache.page,
    pathname: matched.path,
    fetchCache: info.cache.fetchCache,
    production: state,
    waitUntil: context?.waitUntil,
  });
  const holder: { scope?: ReturnType<typeof createRequestScope> } = {};
  const request = staticRequest(
    matched.path,
    settings.basePath,
    info.dynamic,
    matched.route,
    (expression) => {
      if (holder.scope) trackDynamic(holder.scope, expression);
    },
  );
  const requestScope = createRequestScope(request, {
    file: matched.route.file,
    method: 'GET',
    target: matched.target,
  });
  holder.scope = requestScope;
  if (info.dynamic === 'error') {
    const { route } = matched;
    requestScope.dynamicUsage = (expression) => {
      throw new StaticGenerationBailoutError(route.id, route.file, expression);
    };
  }
  return new Promise((resolve, reject) => {
    invoke(handler, request, {
      settings,
      matched,
      method: 'GET',
      context,
      scope: requestScope,
      cache,
      done: (response, failed) => {
        resolve({ response, failed, state });
      },
      fail: reject,
      staticGeneration: true,
    });
  });
}

/**
 * The GET endpoint of a static route.
 * @param handler the route's GET
 * @param info the route's static settings
 * @param settings the router's settings
 * @param dynamicEndpoint the plain GET endpoint, for when the route turns out dynamic
 */
export function staticGetEndpoint(
  handler: RouteHandler,
  info: StaticGetInfo,
  settings: RouterSettings,
  dynamicEndpoint: Endpoint,
): Endpoint {
  let lastPath: string | undefined;
  let lastTags: string[] = [];
  return (call) => {
    const { matched, context } = call;
    if (settings.dynamicRoutes.has(matched.route.id)) {
      dynamicEndpoint(call);
      return;
    }
    if (!info.dynamicParams && info.listed && !info.listed.has(paramsKey(matched.params))) {
      call.respond(empty(404));
      return;
    }
    const produce = () => produceStatic(handler, info, matched, settings, context);
    const path = matched.path;
    // The same path as the last request (a route without params has one): the same tags.
    if (path !== lastPath) {
      lastTags = implicitTags(info.cache.page, path);
      lastPath = path;
    }
    const failed = (error: unknown): void => {
      settings.logger.error(messages.staticCacheFailed(matched.route.file, matched.target), error);
      call.respond(failure(settings.dev, error));
    };
    const answered = (response: Response | undefined): void => {
      if (response) {
        call.respond(response);
        return;
      }
      settings.dynamicRoutes.add(matched.route.id);
      dynamicEndpoint(call);
    };
    let answer: Response | Promise<Response | undefined>;
    try {
      answer = settings.staticCache.serve(path, lastTags, produce, context?.waitUntil);
    } catch (error) {
      failed(error);
      return;
    }
    // A hit answers at once; a miss, a stale entry's refresh or another handler when ready.
    if (answer instanceof Promise) answer.then(answered, failed);
    else answered(answer);
  };
}

export type { RouteCacheInfo };
