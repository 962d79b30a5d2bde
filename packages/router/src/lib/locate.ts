// The URL steps before a route runs: the canonical path (308 when the client must move), the
// base path (404 outside it), then the match (404 for none, 400 for a malformed segment).
import type { AppContext } from '@approute/request';
import { badRequest, empty } from './answers.js';
import type { Matched } from './call.js';
import type { RouteMatcher } from './matcher.js';
import { MALFORMED } from './params.js';
import { canonicalPath, splitTarget, splitUrl, stripBasePath } from './url.js';

/** What {@link locate} needs of the router. */
export interface LocateSettings {
  matcher: RouteMatcher;
  basePath: string;
  trailingSlash: boolean;
}

/**
 * Finds the route a request goes to, or the answer it gets instead.
 * @param request the request
 * @param context the adapter's context: its raw `target` is read when given
 * @param settings the matcher and the URL options
 * @returns the matched route, or a 308, 404 or 400 answer
 */
export function locate(
  request: Request,
  context: AppContext | undefined,
  settings: LocateSettings,
): Matched | Response {
  const raw = context?.target;
  const { pathname, search } = raw?.startsWith('/') ? splitTarget(raw) : splitUrl(request.url);
  const canonical = canonicalPath(pathname, settings.trailingSlash);
  if (canonical.redirect) return empty(308, { location: canonical.pathname + search });
  let path = stripBasePath(canonical.pathname, settings.basePath);
  if (path === null) return empty(404);
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const found = settings.matcher.find(path);
  if (found === MALFORMED) return badRequest();
  if (found === null) return empty(404);
  return { route: found.route, params: found.params, target: pathname + search, path };
}
