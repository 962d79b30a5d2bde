// The paths whose static answers a build can produce ahead of requests: a route without
// dynamic segments has one; a dynamic route has one per params object its
// `generateStaticParams` lists, with each value percent-encoded as a request would carry it.
import type { ManifestRoute } from '../manifest-types.js';
import type { Params } from '../params.js';
import { RouteStartupError } from '../errors.js';

/** A path to produce ahead of requests, with the params its handler sees. */
export interface StaticPath {
  path: string;
  params: Params | undefined;
}

/** A listed params object does not fill the route's dynamic segments. */
export class StaticParamsMismatchError extends RouteStartupError {
  override readonly name = 'StaticParamsMismatchError';
  /**
   * @param route the route's path as written
   * @param file the route file
   * @param detail what is missing or of the wrong type
   */
  constructor(route: string, file: string, detail: string) {
    super(
      'ERR_STATIC_PARAMS_MISMATCH',
      `generateStaticParams() in ${file} returned params that do not fit ${route}: ${detail}`,
      [file],
      `Give every object generateStaticParams() returns in ${file} each param of ${route}.`,
    );
  }
}

/**
 * Lists the paths to produce for a static route.
 * @param route the manifest route
 * @param listed the params `generateStaticParams` returned (empty when it is not exported)
 */
export function staticPaths(route: ManifestRoute, listed: readonly Params[]): StaticPath[] {
  const segments = route.segments;
  if (segments.every((segment) => segment.kind === 'static')) {
    return [{ path: `/${segments.map((s) => s.value).join('/')}`, params: undefined }];
  }
  return listed.map((params) => {
    const parts: string[] = [];
    const used: Params = {};
    for (const segment of segments) {
      if (segment.kind === 'static') {
        parts.push(segment.value);
        continue;
      }
      const value = params[segment.name];
      if (segment.kind === 'single') {
        if (typeof value !== 'string')
          throw new StaticParamsMismatchError(
            route.id,
            route.file,
            `"${segment.name}" must be a string`,
          );
        parts.push(encodeURIComponent(value));
        used[segment.name] = value;
        continue;
      }
      if (value === undefined && segment.kind === 'optional-catchall') continue;
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        !value.every((v) => typeof v === 'string')
      ) {
        throw new StaticParamsMismatchError(
          route.id,
          route.file,
          `"${segment.name}" must be a non-empty array of strings`,
        );
      }
      parts.push(...value.map(encodeURIComponent));
      used[segment.name] = value;
    }
    return { path: `/${parts.join('/')}`, params: used };
  });
}
