import { createLazyRequest, NextRequest } from '@approute/request';

/** The reason `request.signal` aborts with when the client goes away before the response ended. */
export class ResponseAborted extends Error {
  override readonly name = 'ResponseAborted';
  /** `ERR_RESPONSE_ABORTED` */
  readonly code = 'ERR_RESPONSE_ABORTED';
  constructor() {
    super('The client went away before the response was complete.');
  }
}

/** A signal that aborts with `ResponseAborted` when the runtime's request signal aborts. */
function following(upstream: AbortSignal | undefined): AbortSignal {
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
 */
export function toNextRequest(request: Request): Request {
  if (request instanceof NextRequest) return request;
  return createLazyRequest({
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: () => request.body,
    // Following the runtime's signal costs more than the rest of this wrapper (Bun builds the
    // signal on first read), so it is done only when something reads `request.signal`.
    signal: () => following(request.signal),
  });
}
