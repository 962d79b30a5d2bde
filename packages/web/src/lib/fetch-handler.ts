import type { AppContext, AppHandler } from '@approute/request';
import { responderOf, validAuthorityEnd } from '@approute/request/internal';
import { drainOnSignals, handleUncaught, runtimeProcess } from './runtime-hooks.js';
import { toNextRequest } from './web-request.js';

/** Options for {@link createFetchHandler}. */
export interface FetchHandlerOptions {
  /**
   * The most bytes `json()`, `text()`, `formData()`, `arrayBuffer()`, `blob()` and `bytes()`
   * read; over it the request is answered 413 (default 4 MiB, `DEFAULT_BODY_LIMIT`;
   * `Infinity` for none). `request.body` read as a stream is not limited.
   */
  bodyLimit?: number;
  /**
   * On Bun and Deno: on SIGTERM/SIGINT stop accepting (Bun), let requests in flight and
   * `after()`/`waitUntil` work finish within `gracePeriod`, then exit 0; a second signal exits
   * at once (default true).
   */
  handleSignals?: boolean;
  /** How long the drain on a signal may take, in ms (default 10000). */
  gracePeriod?: number;
  /**
   * On Bun and Deno, errors nobody caught (an unawaited rejection, a throwing timer) are logged
   * with their route handler and the server keeps serving, as Next.js does; `true` exits with
   * code 1 after logging instead, for a supervisor that restarts (default false).
   */
  crashOnError?: boolean;
}

/** A fetch runtime's context object: Workers' `ExecutionContext`, Vercel's `RequestContext`. */
export interface WaitUntilContext {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * What a fetch runtime calls: `Bun.serve({ fetch })`, `Deno.serve(handler)`, or the `fetch` of
 * a module's default export (`export default { fetch }`) for Workers, `deno serve` and Bun.
 * An answer made without waiting for anything (a 404, a static answer from the cache, on Bun an
 * `async` handler that awaited nothing) is returned as it is, every other one as a promise:
 * every runtime takes either, and a runtime that is handed a `Response` sends it without a
 * promise to wait on.
 */
export type RuntimeHandler = (
  request: Request,
  env?: unknown,
  ctx?: unknown,
) => Response | Promise<Response>;

/**
 * The object form a module exports as its default. Workers need a plain object there: they
 * take an exported function for a class.
 */
export interface FetchExport {
  fetch: RuntimeHandler;
}

function waitUntilOf(value: unknown): ((promise: Promise<unknown>) => void) | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const context = value as Partial<WaitUntilContext>;
  return typeof context.waitUntil === 'function'
    ? (promise) => {
        context.waitUntil?.(promise);
      }
    : undefined;
}

/** Deno.serve's second argument carries `completed`, settled once the response was sent. */
function completedOf(value: unknown): Promise<void> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const completed = (value as { completed?: unknown }).completed;
  return completed instanceof Promise ? (completed as Promise<void>) : undefined;
}

/** The work a handler started and has not finished: answers in the making and `waitUntil` promises. */
class InFlight {
  readonly pending = new Set<Promise<unknown>>();
  /** Requests whose answer is still being made: a count, not a promise each (they are most of the work). */
  requests = 0;
  #idle: (() => void) | undefined = undefined;

  readonly add = (promise: Promise<unknown>): void => {
    const settled = (): void => {
      this.pending.delete(kept);
    };
    // Bun and Deno keep the process alive on their own; only make sure a rejection is not
    // unhandled.
    const kept = promise.then(settled, (error: unknown) => {
      console.error(error);
      settled();
    });
    this.pending.add(kept);
  };

  /** A request's answer is done. */
  answered(): void {
    this.requests -= 1;
    if (this.requests === 0 && this.#idle) {
      const idle = this.#idle;
      this.#idle = undefined;
      idle();
    }
  }

  /** Resolves once nothing is pending (work added meanwhile included), or at `deadline`. */
  async drain(deadline: number): Promise<void> {
    while (this.pending.size > 0 || this.requests > 0) {
      const left = deadline - Date.now();
      if (left <= 0) {
        console.error(
          `approute: ${String(this.pending.size + this.requests)} request(s) or after()/waitUntil ` +
            'task(s) still running at the end of the grace period were cut off',
        );
        return;
      }
      const requestsDone =
        this.requests === 0
          ? undefined
          : new Promise<void>((resolve) => {
              this.#idle = resolve;
            });
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all([...this.pending, requestsDone]),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, left))),
      ]);
      clearTimeout(timer);
    }
  }
}

/** Bun hands its `Server` to `fetch` as the second argument; `stop()` stops accepting. */
function stoppable(value: unknown): { stop: () => unknown } | undefined {
  return typeof (value as { stop?: unknown } | null)?.stop === 'function'
    ? (value as { stop: () => unknown })
    : undefined;
}

function runAll(callbacks: readonly (() => void)[]): void {
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      console.error(error);
    }
  }
}

/**
 * Calls `callbacks` once the runtime has pulled the whole body, or cancelled it; a response
 * without a body counts as sent on the next turn of the event loop.
 */
function afterSent(
  response: Response,
  callbacks: readonly (() => void)[],
  waitUntil: (promise: Promise<unknown>) => void,
): Response {
  const body = response.body;
  if (body === null) {
    waitUntil(
      new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
        runAll(callbacks);
      }),
    );
    return response;
  }
  let finish!: () => void;
  waitUntil(
    new Promise<void>((resolve) => (finish = resolve)).then(() => {
      runAll(callbacks);
    }),
  );
  const reader = body.getReader();
  const watched = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            finish();
          } else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
          finish();
        }
      },
      async cancel(reason) {
        finish();
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(watched, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * Turns an app (such as `router.fetch`) into what a fetch runtime calls, for any runtime that
 * calls `fetch(request, env?, ctx?)`: the runtime's request becomes a lazy `NextRequest`, its
 * `ctx.waitUntil` (or Deno's `info.completed`) keeps it alive for `after()` callbacks, which
 * run once the body was sent. CONNECT is 501 and a request whose Host the URL parser rejects
 * 400, before the app runs. On Bun and Deno it also keeps serving through errors nobody caught
 * and drains on SIGTERM/SIGINT (see {@link FetchHandlerOptions}).
 * @param app the app
 * @param options body limit, signals, grace period, crash on error
 */
export function createFetchHandler(
  app: AppHandler,
  options: FetchHandlerOptions = {},
): RuntimeHandler {
  const inFlight = new InFlight();
  const bodyLimit = options.bodyLimit;
  let server: { stop: () => unknown } | undefined;
  const proc = runtimeProcess();
  if (proc) {
    handleUncaught(proc, options.crashOnError === true);
    if (options.handleSignals !== false) {
      const grace = options.gracePeriod ?? 10_000;
      drainOnSignals(proc, async () => {
        const deadline = Date.now() + grace;
        // Bun's stop() stops accepting and lets the connections in flight finish.
        const stopped = Promise.resolve(server?.stop()).catch(() => undefined);
        inFlight.add(stopped);
        await inFlight.drain(deadline);
      });
    }
  }
  // The router's callback form, when the app has one: one promise per request (the one the
  // runtime gets) instead of the router's, this function's and an await.
  const responder = responderOf(app);
  // Bun hands the same Server as `env` to every request: its (missing) waitUntil is looked up once.
  let lastEnv: unknown;
  let lastEnvWaitUntil: ((promise: Promise<unknown>) => void) | undefined;
  const answer = (
    response: Response,
    closers: (() => void)[] | undefined,
    env: unknown,
    waitUntil: (promise: Promise<unknown>) => void,
  ): Response => {
    if (!closers) return response;
    const completed = completedOf(env);
    if (completed === undefined) return afterSent(response, closers, waitUntil);
    const callbacks = closers;
    waitUntil(
      completed.then(
        () => {
          runAll(callbacks);
        },
        () => {
          runAll(callbacks);
        },
      ),
    );
    return response;
  };
  const handler = (
    request: Request,
    env?: unknown,
    ctx?: unknown,
  ): Response | Promise<Response> => {
    // CONNECT's target is an authority (`host:port`): no route can answer it.
    // Read once: each read of a runtime's request member crosses into native code.
    const method = request.method;
    if (method === 'CONNECT') return new Response(null, { status: 501 });
    let url = request.url;
    // The one Host rule of every adapter (isValidHost): 400 before the app runs.
    const pathStart = validAuthorityEnd(url);
    if (pathStart === -1) return new Response(null, { status: 400 });
    // Bun and Deno keep a raw `#fragment` of the request target in the URL; no target carries one.
    const hash = url.indexOf('#', pathStart);
    if (hash !== -1) url = url.slice(0, hash);
    server ??= stoppable(env);
    let runtimeWaitUntil = waitUntilOf(ctx);
    if (runtimeWaitUntil === undefined) {
      if (env !== lastEnv) {
        lastEnv = env;
        lastEnvWaitUntil = waitUntilOf(env);
      }
      runtimeWaitUntil = lastEnvWaitUntil;
    }
    const waitUntil = runtimeWaitUntil
      ? (promise: Promise<unknown>) => {
          runtimeWaitUntil(promise);
          inFlight.add(promise);
        }
      : inFlight.add;
    let closers: (() => void)[] | undefined;
    const context: AppContext = {
      waitUntil,
      onClose: (callback) => {
        (closers ??= []).push(callback);
      },
      // The path and query of the runtime's URL, so that the router need not cut them out again.
      target: url.charCodeAt(pathStart) === 0x2f /* / */ ? url.slice(pathStart) : undefined,
    };
    inFlight.requests += 1;
    // The answer, when it came before the app returned; else what the promise resolves.
    let sent: Response | undefined;
    let resolve: ((response: Response) => void) | undefined;
    const send = (response: Response): void => {
      inFlight.answered();
      if (resolve) resolve(response);
      else sent = response;
    };
    // The router answers handler failures itself; this is the net under the app, so that no
    // runtime shows its own error page (with a stack) instead.
    const failed = (error: unknown): void => {
      console.error(error);
      send(new Response(null, { status: 500 }));
    };
    const done = (response: Response): void => {
      let answered: Response;
      try {
        answered = answer(response, closers, env, waitUntil);
      } catch (error) {
        failed(error);
        return;
      }
      send(answered);
    };
    try {
      const nextRequest = toNextRequest(request, url, method, bodyLimit, env);
      if (responder) responder(nextRequest, context, done, failed);
      else {
        const result = app(nextRequest, context);
        if (result instanceof Response) done(result);
        else Promise.resolve(result).then(done, failed);
      }
    } catch (error) {
      failed(error);
    }
    return (
      sent ??
      new Promise<Response>((settle) => {
        resolve = settle;
      })
    );
  };
  return handler;
}

/**
 * Builds the `{ fetch }` object a module exports as its default, over {@link createFetchHandler}.
 * @param app the app
 * @param options body limit, signals, grace period, crash on error
 */
export function createFetchExport(app: AppHandler, options?: FetchHandlerOptions): FetchExport {
  return { fetch: createFetchHandler(app, options) };
}
