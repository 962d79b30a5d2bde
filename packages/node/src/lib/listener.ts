import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  PayloadTooLargeError,
  ResponseAborted,
  type AppContext,
  type AppHandler,
} from '@approute/request';
import {
  createLazyRequest,
  payloadTooLargeText,
  responderOf,
  type Responder,
} from '@approute/request/internal';
import { requestInit, type RequestOptions } from './request.js';
import { writeResponse } from './response.js';

/** Options for {@link createRequestListener}: how requests are read, and where errors go. */
export interface ListenerOptions extends RequestOptions {
  /** Where errors go that the handler did not turn into a response (default: console.error). */
  onError?: (error: unknown) => void;
  /**
   * Given to the app as `context.waitUntil`: work that goes on after the answer (`after()`
   * callbacks, background regeneration). `serve()` keeps it to wait for it when closing.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
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

// How long the rest of a body over the limit is read (and dropped) after the 413, so that a
// client still sending sees the answer rather than a reset connection; then it is cut.
const LINGER_MS = 1000;

/**
 * Answers 413 at once. The rest of the body is read and dropped for {@link LINGER_MS} (a
 * connection closed under a client still sending resets, and the client may lose the answer),
 * then the connection is closed if the body has not ended.
 */
function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.destroy();
    return;
  }
  const body = payloadTooLargeText(limit);
  res.writeHead(413, [
    'content-type',
    'text/plain; charset=utf-8',
    'content-length',
    String(Buffer.byteLength(body)),
  ]);
  res.end(body);
  if (req.complete) return;
  req.resume();
  const cut = setTimeout(() => {
    req.socket.destroy();
  }, LINGER_MS);
  cut.unref();
  req.once('end', () => {
    clearTimeout(cut);
  });
  req.once('close', () => {
    clearTimeout(cut);
  });
}

// A handler without a callback form (any fetch handler) gets one: its result, awaited when it
// is a promise, goes to `respond`.
function callbackForm(handler: AppHandler): Responder {
  return (request, context, respond, fail) => {
    let result: Response | Promise<Response>;
    try {
      result = handler(request, context);
    } catch (error) {
      fail(error);
      return;
    }
    if (result instanceof Promise) result.then(respond, fail);
    else if (typeof (result as Partial<PromiseLike<Response>> | null)?.then === 'function') {
      Promise.resolve(result).then(respond, fail);
    } else respond(result);
  };
}

/**
 * Adapts an app (a fetch handler, such as `router.fetch`) to a `node:http`/`node:https` request
 * listener: lazy requests, streamed answers with backpressure, `request.signal`, and the
 * connection hooks of {@link AppContext} (`onClose`, the raw request target).
 * @param handler the app
 * @param options proxy trust, body limit and error reporting
 */
export function createRequestListener(
  handler: AppHandler,
  options: ListenerOptions = {},
): RequestListener {
  const onError = options.onError ?? defaultOnError;
  const handle = responderOf(handler) ?? callbackForm(handler);

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
    let request: Request;
    try {
      // A buffered reader over the body limit: 413 at once, whatever the handler does next.
      request = createLazyRequest(
        requestInit(req, signal, options, (limit) => {
          tooLarge(req, res, limit);
        }),
      );
    } catch {
      // Only a Host header that makes no URL gets here (BadHostError): the client's mistake.
      res.writeHead(400, ['content-length', '0']);
      res.end();
      return;
    }
    const failed = (error: unknown): void => {
      // A body over the limit is the client's error, answered 413 already.
      if (error instanceof PayloadTooLargeError) {
        tooLarge(req, res, error.limit);
        return;
      }
      if (!controller?.signal.aborted) onError(error);
      fail(res);
    };
    // No promise of the adapter's own: each one costs more while AsyncLocalStorage is in use.
    const context: AppContext = { onClose, target: req.url, waitUntil: options.waitUntil };
    handle(
      request,
      context,
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
