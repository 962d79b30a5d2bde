// The answers the router makes itself, whatever the route.

/**
 * An answer without a body.
 * @param status the status code
 * @param headers header fields, if any
 */
export function empty(status: number, headers?: HeadersInit): Response {
  return new Response(null, headers === undefined ? { status } : { status, headers });
}

/** 400 for a request path whose dynamic segment is not valid percent-encoding. */
export function badRequest(): Response {
  return new Response('Bad Request: malformed percent-encoding in the URL path', {
    status: 400,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

/**
 * 500 with an empty body and no content type; in development the error's message and stack.
 * @param dev development mode
 * @param error what went wrong
 */
export function failure(dev: boolean, error: unknown): Response {
  if (!dev) return empty(500);
  const text =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return new Response(text, {
    status: 500,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

/**
 * The same answer without its body (HEAD), the body cancelled so its producer stops.
 * @param response the answer
 */
export function withoutBody(response: Response): Response {
  if (response.body === null) return response;
  response.body.cancel().catch(() => undefined);
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
