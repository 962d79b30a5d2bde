// A static GET is a wrapper around the route's GET endpoint, chosen when the module loads:
// the answer is served from the static cache, produced on a miss with the request Next.js
// substitutes during static generation. A failed production answers its 500 and is not cached;
// the next request tries again.
import { empty, failure } from '../answers.js';
import type { Call, Endpoint, Matched, RouterSettings } from '../call.js';
import { invoke } from '../invoke.js';
import type { RouteHandler } from '../manifest-types.js';
import * as messages from '../messages.js';
import { StaticGenerationBailoutError, staticRequest } from './static-request.js';
import type { Production } from './static-cache.js';
import { paramsKey, type StaticGetInfo } from './static-route.js';
import { createRequestScope } from '@approute/request/internal';

/**
 * Runs the GET handler with the substituted request and gives its answer and whether it failed.
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
  const request = staticRequest(matched.path, settings.basePath, info.dynamic, matched.route);
  const scope = createRequestScope(request, {
    file: matched.route.file,
    method: 'GET',
    target: matched.target,
  });
  if (info.dynamic === 'error') {
    const { route } = matched;
    scope.dynamicUsage = (expression) => {
      throw new StaticGenerationBailoutError(route.id, route.file, expression);
    };
  }
  return new Promise((resolve, reject) => {
    invoke(handler, request, {
      settings,
      matched,
      method: 'GET',
      context,
      scope,
      done: (response, failed) => {
        resolve({ response, failed });
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
 */
export function staticGetEndpoint(
  handler: RouteHandler,
  info: StaticGetInfo,
  settings: RouterSettings,
): Endpoint {
  return (call) => {
    const { matched, context } = call;
    if (!info.dynamicParams && info.listed && !info.listed.has(paramsKey(matched.params))) {
      call.respond(empty(404));
      return;
    }
    const produce = () => produceStatic(handler, info, matched, settings, context);
    settings.staticCache
      .serve(matched.path, info.revalidate, produce, context?.waitUntil)
      .then(call.respond, (error: unknown) => {
        settings.logger.error(
          messages.staticCacheFailed(matched.route.file, matched.target),
          error,
        );
        call.respond(failure(settings.dev, error));
      });
  };
}
