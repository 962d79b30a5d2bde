import type { AppContext, AppHandler } from '@approute/request';
import { hasValidAuthority } from '@approute/request/internal';
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
 */
export type RuntimeHandler = (request: Request, env?: unknown, ctx?: unknown) => Promise<Response>;

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

  /** Resolves once nothing is pending (work added meanwhile included), or at `deadline`. */
  async drain(deadline: number): Promise<void> {
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) {
        console.error(
          `approute: ${String(this.pending.size)} request(s) or after()/waitUntil task(s) still ` +
            'running at the end of the grace period were cut off',
        );
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all(this.pending),
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
  const handler = async (request: Request, env?: unknown, ctx?: unknown): Promise<Response> => {
    // CONNECT's target is an authority (`host:port`): no route can answer it.
    if (request.method === 'CONNECT') return new Response(null, { status: 501 });
    // The one Host rule of every adapter (isValidHost): 400 before the app runs.
    if (!hasValidAuthority(request.url)) return new Response(null, { status: 400 });
    server ??= stoppable(env);
    const runtimeWaitUntil = waitUntilOf(ctx) ?? waitUntilOf(env);
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
    };
    let response: Response;
    let answered!: () => void;
    inFlight.add(new Promise<void>((resolve) => (answered = resolve)));
    try {
      response = await app(toNextRequest(request, bodyLimit, env), context);
    } catch (error) {
      // The router answers handler failures itself; this is the net under the app, so that no
      // runtime shows its own error page (with a stack) instead.
      console.error(error);
      return new Response(null, { status: 500 });
    } finally {
      answered();
    }
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
