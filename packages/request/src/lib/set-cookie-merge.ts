// Where the cookies a handler set through `cookies()` meet its response. There are two paths:
// - a response the handler returned keeps its own `Set-Cookie` fields byte for byte; the
//   store's changed cookies are appended after them, except names the response sets itself
//   (the response wins: docs/spec.md, cookies(), headers() and the response);
// - a `redirect()` thrown from the handler has no response of its own: its 307/308 carries
//   every changed cookie of the store.
import { setCookieName } from './cookie-text.js';
import { readControlFlow } from './navigation.js';
import { changedSetCookies, STORE_TOUCHED } from './response-cookies.js';
import type { RequestScope } from './scope.js';

function withSetCookies(response: Response, fields: readonly string[]): Response {
  const [first, ...rest] = fields;
  if (first === undefined) return response;
  let headers = response.headers;
  try {
    headers.append('set-cookie', first);
  } catch {
    // Immutable headers (`Response.redirect()`, a `fetch()` answer): copy the response once.
    headers = new Headers(headers);
    headers.append('set-cookie', first);
    response = new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  }
  for (const field of rest) headers.append('set-cookie', field);
  return response;
}

/**
 * Adds the cookies set or deleted through `cookies()` to the handler's response, each as its
 * own `Set-Cookie` field after the response's own ones, which are kept byte for byte and win
 * when they set the same name.
 * @param scope the request's scope
 * @param response the handler's response
 * @returns `response`, or a copy when its headers could not be changed
 */
export function withScopeCookies(scope: RequestScope, response: Response): Response {
  const store = scope.store;
  // Read but not changed (the common case): nothing to add.
  if (!store?.[STORE_TOUCHED]) return response;
  const changed = changedSetCookies(store);
  if (changed.length === 0) return response;
  const own = response.headers.getSetCookie();
  const taken = new Set(own.map(setCookieName));
  const fields: string[] = [];
  for (const { name, field } of changed) if (!taken.has(name)) fields.push(field);
  return withSetCookies(response, fields);
}

// `Location` must be a ByteString; characters outside Latin-1 (and controls) are percent-encoded.
const NOT_HEADER_SAFE = /[^\t\x20-\x7e\x80-\xff]/gu;

/**
 * Turns a `redirect()`/`permanentRedirect()` (307/308, `Location` as given, with the store's
 * cookies) or `notFound()`/`forbidden()`/`unauthorized()` (404/403/401) error into its
 * empty-bodied response; any other error gives `undefined`.
 * @param error what the handler threw
 * @param scope the request's scope
 */
export function controlFlowResponse(error: unknown, scope: RequestScope): Response | undefined {
  const flow = readControlFlow(error);
  if (!flow) return undefined;
  if (flow.kind === 'status') return new Response(null, { status: flow.status });
  const headers = new Headers({ location: flow.url.replace(NOT_HEADER_SAFE, encodeURIComponent) });
  if (scope.store) {
    for (const { field } of changedSetCookies(scope.store)) headers.append('set-cookie', field);
  }
  return new Response(null, { status: flow.status, headers });
}
