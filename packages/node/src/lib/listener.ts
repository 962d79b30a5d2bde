import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createLazyRequest } from '@approute/request';
import type { HandleOptions } from '@approute/router';
import { requestInit, type RequestOptions } from './request.js';
import { writeResponse } from './response.js';

/** A fetch-style handler: a WHATWG `Request` in, a `Response` out. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** A router as `@approute/router` builds it: anything with a `handle(request, options)`. */
export interface RouterLike {
  handle: (request: Request, options?: HandleOptions) => Promise<Response>;
  /** `handle` in callback form; used when present (one promise less per request). */
  respond?: (
    request: Request,
    options: HandleOptions | undefined,
    respond: (response: Response) => void,
    fail: (error: unknown) => void,
  ) => void;
}

/** Options for {@link createRequestListener}. */
export interface ListenerOptions extends RequestOptions {
  /** Where errors go that happen after the handler answered (default: console.error). */
  onError?: (error: unknown) => void;
}

/** The reason `request.signal` aborts with when the client goes away (Next.js's name). */
export class ResponseAborted extends Error {
  override readonly name = 'ResponseAborted';
  readonly code = 'RESPONSE_ABORTED';
  constructor() {
    super('The client closed the connection before the response was sent');
  }
}

function defaultOnError(error: unknown): void {
  console.error(error);
}

/** Ends a response the handler could not produce: 500 if nothing went out, else cut it short. */
function fail(res: ServerResponse): void {
  if (res.headersSent) {
    // The client sees a truncated body (no final chunk), never a fresh answer glued to it.
    res.destroy();
    return;
  }
  res.writeHead(500, ['content-length', '0']);
  res.end();
}

/** Answers 413 and closes the connection, so the rest of the body is never read. */
function tooLarge(res: ServerResponse, limit: number): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `Payload Too Large: the request body is over the limit of ${String(limit)} bytes\n`;
  res.writeHead(413, [
    'content-type',
    'text/plain; charset=utf-8',
    'content-length',
    String(Buffer.byteLength(body)),
    'connection',
    'close',
  ]);
  res.end(body);
}

/**
 * Adapts a router or fetch-style handler to a `node:http`/`node:https` request listener.
 * @param handler a `Router` (its `handle` gets `onClose`) or a function from `Request` to `Response`
 * @param options proxy trust, base path and error reporting
 */
export function createRequestListener(
  handler: RouterLike | FetchHandler,
  options: ListenerOptions = {},
): RequestListener {
  const onError = options.onError ?? defaultOnError;
  const handle: NonNullable<RouterLike['respond']> =
    typeof handler === 'function'
      ? (request, _hooks, respond, fail) => {
          let result: Response | Promise<Response>;
          try {
            result = handler(request);
          } catch (error) {
            fail(error);
            return;
          }
          if (result instanceof Promise) result.then(respond, fail);
          else if (typeof (result as Partial<PromiseLike<Response>> | null)?.then === 'function')
            Promise.resolve(result).then(respond, fail);
          else respond(result);
        }
      : handler.respond
        ? handler.respond.bind(handler)
        : (request, hooks, respond, fail) => {
            handler.handle(request, hooks).then(respond, fail);
          };

  return (req: IncomingMessage, res: ServerResponse) => {
    // The AbortController (a few µs with its signal) is made only when something asks for
    // request.signal or the real Request, and the 'close' listener that serves it and the
    // router's hooks is added only then: most requests need neither.
    let controller: AbortController | undefined;
    let closed: (() => void)[] | undefined;
    let listening = false;
    const listen = (): void => {
      if (listening) return;
      listening = true;
      res.on('close', () => {
        if (controller && !res.writableFinished) controller.abort(new ResponseAborted());
        if (closed) for (const callback of closed) callback();
      });
    };
    const signal = (): AbortSignal => {
      if (controller) return controller.signal;
      controller = new AbortController();
      // Asked for only after the client went away: it is aborted already.
      if (res.closed) {
        if (!res.writableFinished) controller.abort(new ResponseAborted());
      } else {
        listen();
      }
      return controller.signal;
    };
    const onClose = (callback: () => void): void => {
      if (res.closed) {
        callback();
        return;
      }
      (closed ??= []).push(callback);
      listen();
    };
    const method = req.method ?? 'GET';
    const limit = options.bodyLimit;
    // A declared length over the limit is refused before the handler runs or a byte is read.
    if (limit !== undefined && Number(req.headers['content-length']) > limit) {
      tooLarge(res, limit);
      return;
    }
    let request: Request;
    try {
      request = createLazyRequest(
        requestInit(
          req,
          signal,
          options,
          limit === undefined
            ? undefined
            : () => {
                tooLarge(res, limit);
              },
        ),
      );
    } catch {
      // Only a Host header that makes no URL gets here (BadHostError): the client's mistake.
      res.writeHead(400, ['content-length', '0']);
      res.end();
      return;
    }
    const failed = (error: unknown): void => {
      if (!controller?.signal.aborted) onError(error);
      fail(res);
    };
    // No promise of the adapter's own: each one costs more while AsyncLocalStorage is in use.
    handle(
      request,
      { onClose, target: req.url },
      (response) => {
        // Already answered (413 for a body over the limit): the handler's answer is dropped.
        if (res.writableEnded) {
          void response.body?.cancel().catch(() => undefined);
          return;
        }
        try {
          writeResponse(response, res, method, signal)?.catch(failed);
        } catch (error) {
          failed(error);
        }
      },
      failed,
    );
  };
}
