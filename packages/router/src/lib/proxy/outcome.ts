// What a proxy's answer means, read the way Next.js 16 reads it (server/web/adapter.ts and
// server/lib/router-utils/resolve-routes.ts): from the response's headers, not from how it was
// made, so that a hand-made `Response` with the same headers means the same thing.
//   Location            the answer itself (a redirect, usually); a same-origin URL is sent as
//                       a path, a relative one is an error
//   x-middleware-rewrite  another path of this app (same origin), or an external URL
//   x-middleware-next     continue to the route
//   none of these         the answer itself

/** The header fields a proxy answer adds to the final answer, in order. */
export type HeaderFields = readonly (readonly [name: string, value: string])[];

/** What the request does after the proxy. */
export type ProxyOutcome =
  | { kind: 'answer'; response: Response }
  | {
      kind: 'continue';
      /** The headers the route (or the external URL) gets, or `undefined` for the request's own. */
      requestHeaders: Headers | undefined;
      /** The proxy answer's fields for the final answer (`Set-Cookie` among them). */
      responseFields: HeaderFields;
      /** An internal rewrite: the path (base path included) that picks the route. */
      rewrite: string | undefined;
      /** An external rewrite: the URL the answer is fetched from. */
      external: string | undefined;
    };

// Fields of a proxy answer that are not copied to the final answer nor to the route's request:
// the framing of the proxy's own (empty) body, and the x-middleware-* signals.
const NOT_COPIED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);
const OVERRIDE = 'x-middleware-override-headers';
const REQUEST_PREFIX = 'x-middleware-request-';

/** Whether a header name is one of Next.js's `x-middleware-*` signals (never a client's to send). */
export function isMiddlewareHeader(name: string): boolean {
  return name.length > 13 && name.startsWith('x-middleware-');
}

// Next.js parses both with `new NextURL(value)`, which throws for a relative URL: the proxy then
// answers 500. The error is made here so that every runtime logs the same line.
function absolute(value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL', input: value });
  }
}

/**
 * Reads what a proxy's `Response` asks for.
 * @param response what the proxy returned
 * @param request the request the proxy ran for (its origin tells internal rewrites apart)
 * @param baseHeaders the request's headers without client-sent `x-middleware-*` fields, for the
 *   route when the proxy does not replace them; `undefined` when there were none to remove
 * @throws TypeError `Invalid URL` for a relative `Location` or rewrite URL
 */
export function readOutcome(
  response: Response,
  request: Request,
  baseHeaders: Headers | undefined,
): ProxyOutcome {
  const headers = response.headers;
  const origin = new URL(request.url).origin;
  const rewriteValue = headers.get('x-middleware-rewrite');
  const rewrite = rewriteValue === null ? undefined : absolute(rewriteValue);
  const external = rewrite !== undefined && rewrite.origin !== origin;
  const location = headers.get('location');
  if (location !== null && !external)
    return { kind: 'answer', response: located(response, location, origin) };
  if (rewrite === undefined && !headers.has('x-middleware-next')) {
    return { kind: 'answer', response: withoutMiddlewareFields(response) };
  }
  const responseFields: [string, string][] = [];
  for (const [name, value] of headers) {
    if (!isMiddlewareHeader(name) && !NOT_COPIED.has(name)) responseFields.push([name, value]);
  }
  return {
    kind: 'continue',
    requestHeaders: requestHeadersOf(headers, responseFields, baseHeaders, request.headers),
    responseFields,
    rewrite: rewrite && !external ? rewrite.pathname : undefined,
    external: external ? rewrite.href : undefined,
  };
}

// The route's request headers, as Next.js builds them: the list of `{ request: { headers } }`
// replaces the request's own, then every field of the proxy's answer is added (Next.js gives
// `next({ headers })` to the route too; Set-Cookie is left out, it is not a request field).
function requestHeadersOf(
  headers: Headers,
  fields: HeaderFields,
  baseHeaders: Headers | undefined,
  own: Headers,
): Headers | undefined {
  const override = headers.get(OVERRIDE);
  let result: Headers | undefined;
  if (override !== null) {
    result = new Headers();
    for (const part of override.split(',')) {
      const name = part.trim();
      const value = name === '' ? null : headers.get(REQUEST_PREFIX + name);
      if (value !== null) result.set(name, value);
    }
  }
  for (const [name, value] of fields) {
    if (name === 'set-cookie') continue;
    result ??= new Headers(baseHeaders ?? own);
    result.set(name, value);
  }
  return result ?? baseHeaders;
}

// A Location header: its URL must be absolute; a same-origin one is sent as a path (the
// answer's headers are copied: `Response.redirect()` gives immutable ones).
function located(response: Response, location: string, origin: string): Response {
  const url = absolute(location);
  if (url.origin !== origin) return withoutMiddlewareFields(response);
  const headers = new Headers();
  for (const [name, value] of response.headers)
    if (!isMiddlewareHeader(name)) headers.append(name, value);
  headers.set('location', url.href.slice(origin.length));
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

function withoutMiddlewareFields(response: Response): Response {
  let found = false;
  for (const name of response.headers.keys()) if (isMiddlewareHeader(name)) found = true;
  if (!found) return response;
  const headers = new Headers();
  for (const [name, value] of response.headers)
    if (!isMiddlewareHeader(name)) headers.append(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
