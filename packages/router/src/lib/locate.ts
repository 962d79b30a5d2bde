// The URL steps before a route runs, in Next.js's order: the canonical path (308 when the client
// must move), then the proxy (proxy/step.ts) when the app has one, then the base path (404
// outside it) and the match (404 for none, 400 for a malformed segment).
// A raw `#fragment` in the target is cut off first (a request target never carries one, but
// node:http passes it through). A request whose URL has no path (CONNECT's authority form,
// which Bun hands over as `request.url`, e.g. `127.0.0.1:1`) never reaches a route nor the
// proxy: 501 for CONNECT, 400 for anything else.
import type { AppContext } from '@approute/request';
import { badRequest, empty } from './answers.js';
import type { Matched } from './call.js';
import type { RouteMatcher } from './matcher.js';
import { notImplemented } from './methods.js';
import { MALFORMED } from './params.js';
import {
  canonicalPath,
  canonicalPathEnd,
  isOriginUrl,
  splitTarget,
  splitUrl,
  stripBasePath,
  type UrlParts,
} from './url.js';

/**
 * The path and query of a request as received: the adapter's raw target when it gave one, else
 * the URL's; `undefined` for a URL without a path (CONNECT's authority form).
 * @param request the request
 * @param context the adapter's context
 */
export function targetParts(
  request: Request,
  context: AppContext | undefined,
): UrlParts | undefined {
  const raw = context?.target;
  if (raw?.startsWith('/')) return splitTarget(raw);
  const url = request.url;
  return isOriginUrl(url) ? splitUrl(url) : undefined;
}

/** What {@link findRoute} needs of the router. */
export interface LocateSettings {
  matcher: RouteMatcher;
  basePath: string;
}

/** A request's path once it is canonical. */
export interface CanonicalTarget {
  /** The canonical path, base path included, percent-encoded as received. */
  pathname: string;
  /** The query as received, `?…` or `''`. */
  search: string;
  /** The path and query as received, for log lines. */
  target: string;
}

/**
 * The canonical path of a request, or the 308 that sends the client there.
 * @param request the request
 * @param context the adapter's context: its raw `target` is read when given
 * @param trailingSlash whether paths end with a slash
 */
export function canonicalTarget(
  request: Request,
  context: AppContext | undefined,
  trailingSlash: boolean,
): CanonicalTarget | Response {
  const raw = context?.target;
  // The common case in one pass and without copies: an origin-form target whose path is
  // canonical as received and no trailing slash wanted.
  if (!trailingSlash && raw?.charCodeAt(0) === 0x2f /* / */) {
    const end = canonicalPathEnd(raw);
    if (end === raw.length) return { pathname: raw, search: '', target: raw };
    if (end !== -1) {
      const pathname = raw.slice(0, end);
      if (raw.charCodeAt(end) === 0x23 /* # */) return { pathname, search: '', target: pathname };
      const hash = raw.indexOf('#', end);
      if (hash === -1) return { pathname, search: raw.slice(end), target: raw };
      const search = raw.slice(end, hash);
      return { pathname, search, target: raw.slice(0, hash) };
    }
  }
  const parts = targetParts(request, context);
  if (parts === undefined) return request.method === 'CONNECT' ? notImplemented() : empty(400);
  const { pathname, search } = parts;
  const canonical = canonicalPath(pathname, trailingSlash);
  if (canonical.redirect) return empty(308, { location: canonical.pathname + search });
  return { pathname: canonical.pathname, search, target: pathname + search };
}

/**
 * Finds the route of a canonical path, or the answer the request gets instead.
 * @param pathname the canonical path, base path included (a rewrite's destination path)
 * @param target the request's path and query as received, for log lines
 * @param settings the matcher and the base path
 * @returns the matched route, or a 404 or 400 answer
 */
export function findRoute(
  pathname: string,
  target: string,
  settings: LocateSettings,
): Matched | Response {
  let path = stripBasePath(pathname, settings.basePath);
  if (path === null) return empty(404);
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const found = settings.matcher.find(path);
  if (found === MALFORMED) return badRequest();
  if (found === null) return empty(404);
  return { route: found.route, params: found.params, target, path };
}
