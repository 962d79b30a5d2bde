// The request a static GET handler sees while its answer is produced: the route's URL on
// http://localhost:3000 with no query, no headers and no cookies, as Next.js substitutes it.
// With `dynamic = 'error'`, touching anything of the real request fails instead.
import { NextRequest } from '@approute/request';
import type { DynamicOption } from './segment-config.js';

/** The origin Next.js gives the substituted request during static generation. */
export const STATIC_ORIGIN = 'http://localhost:3000';

/** A static route read the request under `dynamic = 'error'`. */
export class StaticGenerationBailoutError extends Error {
  override readonly name = 'StaticGenerationBailoutError';
  readonly code = 'DYNAMIC_USAGE_IN_STATIC_ROUTE';
  /**
   * @param route the route's path, e.g. `/stats`
   * @param expression what it used, e.g. `request.headers`
   */
  constructor(
    readonly route: string,
    readonly expression: string,
  ) {
    super(
      `Route ${route} with \`dynamic = "error"\` couldn't be rendered statically because it used \`${expression}\`.`,
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
 * @param route the route's path as written, for the error
 */
export function staticRequest(
  pathname: string,
  basePath: string,
  dynamic: DynamicOption,
  route: string,
): NextRequest {
  const request = new NextRequest(`${STATIC_ORIGIN}${basePath}${pathname}`, {
    nextConfig: { basePath },
  });
  if (dynamic !== 'error') return request;
  for (const name of GUARDED) {
    Object.defineProperty(request, name, {
      configurable: true,
      get() {
        throw new StaticGenerationBailoutError(route, `request.${name}`);
      },
    });
  }
  return request;
}
