/** The HTTP methods a route module may export, in the order Next.js lists them. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** One of the seven HTTP methods a route module may export. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

const METHOD_SET: ReadonlySet<string> = new Set(HTTP_METHODS);

/**
 * Tells whether a method token is one of the seven route handler methods.
 * @param method the request method, as the request carries it
 */
export function isHttpMethod(method: string): method is HttpMethod {
  return METHOD_SET.has(method);
}

/**
 * The `Allow` header value for a route exporting `methods`: those methods, plus `HEAD` when
 * `GET` exists, plus `OPTIONS`, sorted by plain string order and joined with `", "`.
 * @param methods the methods the route module exports
 */
export function allowHeader(methods: Iterable<HttpMethod>): string {
  const allowed = new Set<string>(methods);
  if (allowed.has('GET')) allowed.add('HEAD');
  allowed.add('OPTIONS');
  return [...allowed].sort().join(', ');
}
