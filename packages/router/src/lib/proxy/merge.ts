// Where the header fields of a proxy's `next()`/`rewrite()` answer meet the final answer (the
// route's, a 404, an external URL's), as Next.js's send-response.ts writes them: the proxy's
// fields go out first; of the final answer's own, Set-Cookie, Vary, WWW-Authenticate and
// Proxy-Authenticate are added after them, any other name only when the proxy did not set it.
import type { HeaderFields } from './outcome.js';

const APPENDED = new Set(['set-cookie', 'vary', 'www-authenticate', 'proxy-authenticate']);

/**
 * Adds a proxy answer's fields to the final answer, changing its headers in place when they can
 * be changed (the body is left alone), or copying the answer once when they cannot.
 * @param response the final answer
 * @param fields the proxy answer's fields, in order
 */
export function withProxyFields(response: Response, fields: HeaderFields): Response {
  if (fields.length === 0) return response;
  const headers = response.headers;
  try {
    apply(headers, fields);
    return response;
  } catch {
    // Immutable headers (`Response.redirect()`, a `fetch()` answer): copy the answer once.
    const copy = new Headers(headers);
    apply(copy, fields);
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: copy,
    });
  }
}

function apply(headers: Headers, fields: HeaderFields): void {
  const names = new Set<string>();
  for (const [name] of fields) names.add(name);
  // The final answer's own values of the names both set, to go after the proxy's.
  const after = new Map<string, string[]>();
  for (const name of names) {
    if (!APPENDED.has(name)) continue;
    const own = name === 'set-cookie' ? headers.getSetCookie() : headers.get(name);
    if (own === null || (Array.isArray(own) && own.length === 0)) continue;
    after.set(name, Array.isArray(own) ? own : [own]);
  }
  for (const name of names) headers.delete(name);
  for (const [name, value] of fields) headers.append(name, value);
  for (const [name, values] of after) for (const value of values) headers.append(name, value);
}
