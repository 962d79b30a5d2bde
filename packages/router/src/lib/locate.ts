// The URL steps before a route runs: the canonical path (308 when the client must move), the
// base path (404 outside it), then the match (404 for none, 400 for a malformed segment).
// A raw `#fragment` in the target is cut off first (a request target never carries one, but
// node:http passes it through). A request whose URL has no path (CONNECT's authority form,
// which Bun hands over as `request.url`, e.g. `127.0.0.1:1`) never reaches a route: 501 for
// CONNECT, 400 for anything else.
import type { AppContext } from '@approute/request';
import { badRequest, empty } from './answers.js';
import type { Matched } from './call.js';
import type { RouteMatcher } from './matcher.js';
import { notImplemented } from './methods.js';
import { MALFORMED } from './params.js';
import {
  canonicalPath,
  isOriginUrl,
  splitTarget,
  splitUrl,
  stripBasePath,
  type UrlParts,
} from './url.js';

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
  let parts: UrlParts | undefined;
  if (raw?.startsWith('/')) parts = splitTarget(raw);
  else {
    const url = request.url;
    if (isOriginUrl(url)) parts = splitUrl(url);
    else return request.method === 'CONNECT' ? notImplemented() : empty(400);
  }
  const { pathname, search } = parts;
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
