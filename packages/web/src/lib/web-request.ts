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

/**
 * Wraps a runtime's request in a lazy `NextRequest`: headers are copied into a mutable
 * `Headers` only when read (Deno and workerd hand out immutable ones, and
 * `request.cookies.set()` rewrites the `cookie` header), the body is passed through when read,
 * and the signal aborts with `ResponseAborted` when the runtime's does.
 * @param request the runtime's request
 */
export function toNextRequest(request: Request): Request {
  if (request instanceof NextRequest) return request;
  const controller = new AbortController();
  const upstream = request.signal as AbortSignal | undefined;
  if (upstream) {
    if (upstream.aborted) controller.abort(new ResponseAborted());
    else upstream.addEventListener('abort', () => { controller.abort(new ResponseAborted()); }, { once: true });
  }
  return createLazyRequest({
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: () => request.body,
    signal: controller.signal,
  });
}
