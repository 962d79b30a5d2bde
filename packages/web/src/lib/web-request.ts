import { NextRequest, ResponseAborted } from '@approute/request';
import { createLazyRequest } from '@approute/request/internal';

/** A signal that aborts with `ResponseAborted` when the runtime's request signal aborts. */
function followSignal(upstream: AbortSignal | undefined): AbortSignal {
  const controller = new AbortController();
  if (upstream?.aborted) controller.abort(new ResponseAborted());
  else
    upstream?.addEventListener(
      'abort',
      () => {
        controller.abort(new ResponseAborted());
      },
      { once: true },
    );
  return controller.signal;
}

/**
 * Wraps a runtime's request in a lazy `NextRequest`: headers are copied into a mutable
 * `Headers` only when read (Deno and workerd hand out immutable ones, and
 * `request.cookies.set()` rewrites the `cookie` header), the body is passed through when read,
 * and `request.signal` aborts with `ResponseAborted` when the runtime's does.
 * @param request the runtime's request
 * @param bodyLimit the limit of the buffered body readers (default `DEFAULT_BODY_LIMIT`)
 */
export function toNextRequest(request: Request, bodyLimit?: number): Request {
  if (request instanceof NextRequest) return request;
  let url = request.url;
  // Bun and Deno keep a raw `#fragment` of the request target in the URL; no target carries one.
  const hash = url.indexOf('#');
  if (hash !== -1) url = url.slice(0, hash);
  return createLazyRequest({
    method: request.method,
    url,
    bodyLimit,
    headers: request.headers,
    body: () => request.body,
    // Following the runtime's signal costs more than the rest of this wrapper (Bun builds the
    // signal on first read), so it is done only when something reads `request.signal`.
    signal: () => followSignal(request.signal),
  });
}
