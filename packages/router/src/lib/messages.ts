// The lines the router logs, in Next.js's words where Next.js has them. `file` is the route
// file relative to the project (`app/x/route.ts`), `target` the request's path and query.

const at = (method: string, target: string) => `(method: ${method}, url: ${target})`;

/** A route module that failed to import or validate. */
export const loadFailed = (file: string, method: string, target: string) =>
  `Failed to load route module '${file}' ${at(method, target)}`;

/** A handler that threw something other than a control-flow error. */
export const handlerFailed = (file: string, method: string, target: string) =>
  `Route handler '${file}' failed ${at(method, target)}`;

/** A handler that returned something other than a `Response`; `pathname` without the query. */
export const noResponse = (file: string, method: string, pathname: string, type: string) =>
  `No response is returned from route handler '${file}'. Expected a Response object but ` +
  `received '${type}' ${at(method, pathname)}. Ensure you return a \`Response\` or a ` +
  '`NextResponse` in all branches of your handler.';

/** A handler that returned `NextResponse.rewrite()`, which only middleware may. */
export const rewriteInHandler = (file: string, method: string, target: string) =>
  'NextResponse.rewrite() was used in a app route handler, this is not currently supported. ' +
  `Please remove the invocation to continue. Route handler '${file}' ${at(method, target)}.`;

/** A handler that returned `NextResponse.next()`, which only middleware may. */
export const nextInHandler = (file: string, method: string, target: string) =>
  'NextResponse.next() was used in a app route handler, this is not supported. See here for ' +
  'more info: https://nextjs.org/docs/messages/next-response-next-in-app-route-handler ' +
  `Route handler '${file}' ${at(method, target)}.`;

/** The app's `onRequestError` threw or rejected (Next.js's words). */
export const requestErrorHookFailed = 'Error in instrumentation.onRequestError:';

/** An `after()` callback that threw or rejected. */
export const afterFailed = (file: string) =>
  `An after() callback of route handler '${file}' failed`;

/** The cache store failed while serving a static answer. */
export const staticCacheFailed = (file: string, target: string) =>
  `The static cache failed for '${file}' (url: ${target})`;

/** A background regeneration of a stale static answer failed. */
export const regenerationFailed = (path: string) =>
  `Regenerating the static answer of ${path} failed; the previous answer is served until it ` +
  'succeeds.';

/** A proxy that threw, rejected or answered something that is not a `Response`. */
export const proxyFailed = (file: string, method: string, target: string) =>
  `Proxy '${file}' failed ${at(method, target)}`;

/** A proxy module that failed to import, or exports no function. */
export const proxyLoadFailed = (file: string, method: string, target: string) =>
  `Failed to load proxy module '${file}' ${at(method, target)}`;

/** A promise handed to `event.waitUntil()` in the proxy that rejected. */
export const waitUntilFailed = (file: string) =>
  `A promise passed to event.waitUntil() in proxy '${file}' rejected`;

/** An `after()` callback of the proxy that threw or rejected. */
export const proxyAfterFailed = (file: string) => `An after() callback of proxy '${file}' failed`;

/** An external rewrite whose destination could not be reached (Next.js's words). */
export const forwardFailed = (url: string) => `Failed to proxy ${url}`;
