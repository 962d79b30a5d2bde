// One matched request to its endpoint: 501 for a method token outside the seven, the route's
// module (loaded on its first request; a 500 when it fails to load), then its method table.
import type { AppContext } from '@approute/request';
import { failure } from './answers.js';
import type { Fail, Matched, Respond, RouterSettings } from './call.js';
import type { ManifestRoute } from './manifest-types.js';
import * as messages from './messages.js';
import { isHttpMethod, notImplemented, type HttpMethod } from './methods.js';
import type { LoadedRoute } from './route-loader.js';

/** The router's module loader, as {@link routeLoader} makes it. */
export type Loader = (route: ManifestRoute) => LoadedRoute | Promise<LoadedRoute>;

/**
 * Answers a matched request.
 * @param request the request
 * @param matched the route and params the path matched
 * @param context the adapter's connection hooks
 * @param load the router's module loader
 * @param settings the router's settings
 * @param respond gets the answer (synchronously when no handler had to be awaited)
 * @param fail gets an error no answer could be made for
 */
export function dispatch(
  request: Request,
  matched: Matched,
  context: AppContext | undefined,
  load: Loader,
  settings: RouterSettings,
  respond: Respond,
  fail: Fail,
): void {
  const method = request.method;
  if (!isHttpMethod(method)) {
    respond(notImplemented());
    return;
  }
  let pending: LoadedRoute | Promise<LoadedRoute>;
  try {
    pending = load(matched.route);
  } catch (error) {
    respond(loadFailure(settings, matched, method, error));
    return;
  }
  if (!(pending instanceof Promise)) {
    pending.table[method]({ request, method, matched, context, respond, fail });
    return;
  }
  pending.then(
    (loaded) => {
      try {
        loaded.table[method]({ request, method, matched, context, respond, fail });
      } catch (error) {
        fail(error);
      }
    },
    (error: unknown) => {
      respond(loadFailure(settings, matched, method, error));
    },
  );
}

function loadFailure(
  settings: RouterSettings,
  matched: Matched,
  method: HttpMethod,
  error: unknown,
) {
  settings.logger.error(messages.loadFailed(matched.route.file, method, matched.target), error);
  return failure(settings.dev, error);
}
