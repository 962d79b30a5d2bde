// The request a static GET handler sees while its answer is produced: the route's URL on
// http://localhost:3000 with no query, no headers and no cookies, as Next.js substitutes it.
// With `dynamic = 'error'`, touching anything of the real request fails instead; without
// `force-static`, it makes the answer dynamic (`track`), as Next.js's request proxy does.
import { NextRequest } from '@approute/request';
import { RouteStartupError } from '../errors.js';
import type { ManifestRoute } from '../manifest-types.js';
import type { DynamicOption } from './segment-config.js';

/** The origin Next.js gives the substituted request during static generation. */
export const STATIC_ORIGIN = 'http://localhost:3000';

/** A static route read the request under `dynamic = 'error'`: a build error, as in Next.js. */
export class StaticGenerationBailoutError extends RouteStartupError {
  override readonly name = 'StaticGenerationBailoutError';
  /**
   * @param route the route's path, e.g. `/stats`
   * @param file the route file
   * @param expression what it used, e.g. `request.headers`
   */
  constructor(
    readonly route: string,
    file: string,
    readonly expression: string,
  ) {
    super(
      'ERR_DYNAMIC_USAGE_IN_STATIC_ROUTE',
      `Route ${route} with \`dynamic = "error"\` couldn't be rendered statically because it used \`${expression}\`.`,
      [file],
      `Remove \`dynamic = 'error'\` from ${file} to make the route dynamic, or stop reading ${expression} in its GET.`,
    );
  }
}

// The members whose values depend on the real request; `nextUrl` (the path) stays readable.
const GUARDED = [
  'headers',
  'cookies',
  'url',
  'body',
  'blob',
  'json',
  'text',
  'arrayBuffer',
  'formData',
  'bytes',
];

/**
 * Builds the substituted request for producing a static answer.
 * @param pathname the route path below the base path, e.g. `/stats`
 * @param basePath the router's base path
 * @param dynamic the route's `dynamic` option: `'error'` guards the request
 * @param route the route, for the error
 * @param track called with `request.<member>` when a member is read, for a route that is not
 *   `force-static` (it throws to make the answer dynamic)
 */
export function staticRequest(
  pathname: string,
  basePath: string,
  dynamic: DynamicOption,
  route: ManifestRoute,
  track?: (expression: string) => void,
): NextRequest {
  const request = new NextRequest(`${STATIC_ORIGIN}${basePath}${pathname}`, {
    nextConfig: { basePath },
  });
  if (dynamic !== 'error' && (dynamic === 'force-static' || !track)) return request;
  if (dynamic !== 'error' && track) {
    for (const name of GUARDED) {
      const descriptor = lookup(request, name);
      Object.defineProperty(request, name, {
        configurable: true,
        get() {
          track(`request.${name}`);
          if (descriptor?.get) return descriptor.get.call(request) as unknown;
          const value: unknown = descriptor?.value;
          return typeof value === 'function' ? (value as () => unknown).bind(request) : value;
        },
      });
    }
    return request;
  }
  for (const name of GUARDED) {
    Object.defineProperty(request, name, {
      configurable: true,
      get() {
        throw new StaticGenerationBailoutError(route.id, route.file, `request.${name}`);
      },
    });
  }
  return request;
}

// A member's descriptor as the request's class chain gives it.
function lookup(from: object, name: string): PropertyDescriptor | undefined {
  for (
    let proto: object | null = from;
    proto;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return descriptor;
  }
  return undefined;
}
