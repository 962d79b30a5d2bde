import type { AppContext, AppHandler } from '@approute/request';
import { toNextRequest } from './web-request.js';

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

function keepRunning(promise: Promise<unknown>): void {
  // Bun and Deno keep the process alive on their own; only make sure a rejection is not unhandled.
  promise.catch((error: unknown) => {
    console.error(error);
  });
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
 * run once the body was sent.
 * @param app the app
 */
export function createFetchHandler(app: AppHandler): RuntimeHandler {
  const handler = async (request: Request, env?: unknown, ctx?: unknown): Promise<Response> => {
    const waitUntil = waitUntilOf(ctx) ?? waitUntilOf(env) ?? keepRunning;
    let closers: (() => void)[] | undefined;
    const context: AppContext = {
      waitUntil,
      onClose: (callback) => {
        (closers ??= []).push(callback);
      },
    };
    let response: Response;
    try {
      response = await app(toNextRequest(request, env), context);
    } catch (error) {
      // The router answers handler failures itself; this is the net under the app, so that no
      // runtime shows its own error page (with a stack) instead.
      console.error(error);
      return new Response(null, { status: 500 });
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
 */
export function createFetchExport(app: AppHandler): FetchExport {
  return { fetch: createFetchHandler(app) };
}
