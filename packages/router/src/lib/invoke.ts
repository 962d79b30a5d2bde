// Running one route handler: inside its request scope, with its params, turning a throw or a
// result that is not a Response into a 500 (the cause logged, in Next.js's words), a
// control-flow error into its answer, and the scope's cookies into Set-Cookie fields;
// revalidateTag()/revalidatePath() take effect before the answer goes out, after() callbacks
// are scheduled. A body over the limit of the buffered readers is 413, whether the handler let
// the rejection through or caught it (the client's error: nothing is logged).
//
// Callbacks rather than returned Promises: on the hot path the only promise reaction is the
// one on the handler's own result. While AsyncLocalStorage is in use (Node 20 tracks every
// promise of the process through async hooks) each extra hop costs as much as a route match.
import type { AppContext } from '@approute/request';
import {
  asNextRequest,
  bodyLimitCrossed,
  bodyLimitOf,
  controlFlowResponse,
  createRequestScope,
  middlewareOnlyKind,
  payloadTooLargeResponse,
  runAfterTasks,
  RequestCache,
  enterScope,
  syncParams,
  withScopeCookies,
  type RequestScope,
} from '@approute/request/internal';
import { empty, failure } from './answers.js';
import type { Call, Endpoint, Fail, Matched, RouteCacheInfo, RouterSettings } from './call.js';
import type { RouteHandler, RouteHandlerContext } from './manifest-types.js';
import type { ErrorContext, ErrorRequest } from './router-types.js';
import * as messages from './messages.js';
import { stripBasePath } from './url.js';

/** Receives a handler's answer, and whether it is a failure (a 500 the router made). */
export type Done = (response: Response, failed: boolean) => void;

/** One handler call: what running it and turning its result into the answer needs. */
export interface Invocation {
  settings: RouterSettings;
  matched: Matched;
  /** The request method, for log lines. */
  method: string;
  /** The adapter's connection hooks (`after()` runs on `onClose`). */
  context: AppContext | undefined;
  /** The request scope, fresh for this call (see `createRequestScope`). */
  scope: RequestScope;
  /** The request's cache state. */
  cache: RequestCache;
  /** Gets the answer, and whether it is a failure. */
  done: Done;
  /** Gets an error no answer could be made for. */
  fail: Fail;
  /** Set while a static answer is produced: what `onRequestError` is told as the reason. */
  staticGeneration?: boolean;
}

/**
 * The endpoint of a method the module exports.
 * @param handler the exported function
 * @param settings the router's settings
 * @param info what the cache needs to know about the route
 */
export function handlerEndpoint(
  handler: RouteHandler,
  settings: RouterSettings,
  info: RouteCacheInfo,
): Endpoint {
  const options = { basePath: settings.basePath };
  return (call: Call) => {
    const request = asNextRequest(call.request, options);
    invoke(handler, request, {
      settings,
      matched: call.matched,
      method: call.method,
      context: call.context,
      scope: createRequestScope(request, {
        file: call.matched.route.file,
        method: call.method,
        target: call.matched.target,
      }),
      cache: new RequestCache({
        runtime: settings.cache,
        route: call.matched.route.id,
        page: info.page,
        pathname: call.matched.path,
        fetchCache: info.fetchCache,
        forceDynamic: info.forceDynamic,
        waitUntil: call.context?.waitUntil,
      }),
      done: call.respond,
      fail: call.fail,
    });
  };
}

/**
 * Runs a handler in its request scope and hands its answer to `call.done`.
 * @param handler the route handler
 * @param request the request it gets (the one the scope was made for)
 * @param call the call's settings, scope and callbacks
 */
export function invoke(handler: RouteHandler, request: Request, call: Invocation): void {
  const { settings, matched, method, scope, fail } = call;
  scope.cache = call.cache;
  const params = matched.params;
  let handlerContext: RouteHandlerContext;
  if (settings.syncAccess) {
    scope.syncAccess = {
      route: matched.route.id,
      warn: settings.dev ? warnOf(settings) : undefined,
    };
    handlerContext = { params: params && syncParams(params, scope) };
  } else handlerContext = { params: params && Promise.resolve(params) };
  // Neither may throw: nothing reacts to the promise their `.then` makes (one reaction less).
  const onResult = (result: unknown): void => {
    try {
      if (bodyLimitCrossed(request)) {
        if (result instanceof Response) result.body?.cancel().catch(() => undefined);
        settle(call, payloadTooLargeResponse(bodyLimitOf(request)), false);
        return;
      }
      const problem = resultProblem(result, call);
      if (problem === undefined) settle(call, withScopeCookies(scope, result as Response), false);
      else {
        settings.logger.error(problem);
        const error = new TypeError(problem);
        reported(call, request, error, () => {
          settle(call, failure(settings.dev, error), true);
        });
      }
    } catch (error) {
      onThrow(error);
    }
  };
  const onThrow = (error: unknown): void => {
    try {
      // A static answer that turned out dynamic: the router runs the handler again per request.
      if (call.cache.production?.dynamic !== undefined) {
        settle(call, empty(500), true);
        return;
      }
      const flow = bodyLimitCrossed(request)
        ? payloadTooLargeResponse(bodyLimitOf(request))
        : controlFlowResponse(error, scope);
      if (flow) settle(call, flow, false);
      else {
        settings.logger.error(
          messages.handlerFailed(matched.route.file, method, matched.target),
          error,
        );
        reported(call, request, error, () => {
          settle(call, failure(settings.dev, error), true);
        });
      }
    } catch (failed) {
      fail(failed);
    }
  };
  enterScope(
    scope,
    (outcome: unknown) => {
      if (outcome instanceof Thrown) onThrow(outcome.error);
      else if (outcome instanceof Promise) {
        // An async handler that awaited nothing has fulfilled its promise already. Bun reads the
        // value at once: the answer goes out in this turn, with no reaction, no microtask and
        // no promise for the runtime to wait on (1,100 instructions a request under callgrind).
        // A rejected one still gets its reaction, which marks the rejection handled.
        if (peek?.status(outcome) === 'fulfilled') onResult(peek(outcome));
        // A handler's own promise (or a thenable adopted as `await` would) gets one reaction.
        else void (outcome as Promise<unknown>).then(onResult, onThrow);
      } else onResult(outcome);
    },
    callHandler,
    handler,
    request,
    handlerContext,
  );
}

/** Bun's synchronous view of a settled promise, where the runtime has one. */
interface Peek {
  (promise: Promise<unknown>): unknown;
  status(promise: Promise<unknown>): 'pending' | 'fulfilled' | 'rejected';
}
const peek = (globalThis as { Bun?: { peek?: Peek } }).Bun?.peek;

/** What the handler threw (a class, so that no handler result can look like one). */
class Thrown {
  constructor(readonly error: unknown) {}
}

// Runs in the request scope (see enterScope): the handler's result, a thenable's adopting
// promise (reading a `then` getter may throw too), or what it threw.
function callHandler(
  handler: RouteHandler,
  request: Request,
  context: RouteHandlerContext,
): unknown {
  try {
    const result = handler(request, context);
    if (result instanceof Promise) return result;
    return isThenable(result) ? Promise.resolve(result) : result;
  } catch (error) {
    return new Thrown(error);
  }
}

// Tells the app's `onRequestError` about a handler error, then continues (at once without one).
// Its own failure is logged and does not change the answer, as in Next.js.
function reported(call: Invocation, request: Request, error: unknown, then: () => void): void {
  const hook = call.settings.onRequestError;
  if (hook === undefined) {
    then();
    return;
  }
  const { matched, method } = call;
  const context: ErrorContext = {
    routerKind: 'App Router',
    routePath: matched.route.id,
    routeType: 'route',
    revalidateReason: call.staticGeneration ? 'stale' : undefined,
  };
  // Next.js reports the path below the base path, as received otherwise (slash and query kept).
  const target: ErrorRequest = {
    path: belowBasePath(matched.target, call.settings.basePath).join(''),
    method,
    headers: Object.fromEntries(request.headers),
  };
  const logged = (failed: unknown) => {
    call.settings.logger.error(messages.requestErrorHookFailed, failed);
  };
  const next = () => {
    try {
      then();
    } catch (failed) {
      call.fail(failed);
    }
  };
  let running: unknown;
  try {
    running = hook(error, target, context);
  } catch (failed) {
    logged(failed);
    next();
    return;
  }
  void Promise.resolve(running).catch(logged).then(next);
}

function warnOf(settings: RouterSettings): (message: string) => void {
  return (message) => {
    settings.logger.warn(message);
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

// A request target as the app below the base path sees it: its pathname and its query (with
// the `?`, or '').
function belowBasePath(target: string, base: string): [pathname: string, query: string] {
  const mark = target.indexOf('?');
  const path = mark === -1 ? target : target.slice(0, mark);
  return [stripBasePath(path, base) ?? path, mark === -1 ? '' : target.slice(mark)];
}

// The log line for a handler result that cannot be sent, or undefined for a sendable one.
function resultProblem(result: unknown, call: Invocation): string | undefined {
  const { file } = call.matched.route;
  const { method } = call;
  const target = call.matched.target;
  if (!(result instanceof Response)) {
    // Next.js names the request by its nextUrl.pathname there: below the base path, no query.
    const [pathname] = belowBasePath(target, call.settings.basePath);
    return messages.noResponse(file, method, pathname, typeName(result));
  }
  switch (middlewareOnlyKind(result)) {
    case 'rewrite':
      return messages.rewriteInHandler(file, method, target);
    case 'next':
      return messages.nextInHandler(file, method, target);
    default:
      return undefined;
  }
}

// Revalidations take effect before the answer goes out, so the client's next request already
// gets fresh data; then after() callbacks are scheduled.
function settle(call: Invocation, response: Response, failed: boolean): void {
  const pending = call.cache.pending;
  if (pending.length === 0) {
    finish(call, response, failed);
    return;
  }
  const applied = pending.splice(0);
  call.settings.cache.apply(applied).then(() => {
    finish(call, response, failed);
  }, call.fail);
}

function finish(call: Invocation, response: Response, failed: boolean): void {
  const { scope } = call;
  // As Next.js does, listen for the close only when after() was called: a fetch adapter has to
  // wrap the body to see the close, and that costs more than the whole dispatch.
  if (scope.afterTasks !== undefined) {
    const onError = (error: unknown) => {
      call.settings.logger.error(messages.afterFailed(call.matched.route.file), error);
    };
    const { cache } = call;
    const run = async () => {
      await runAfterTasks(scope, onError);
      if (cache.pending.length > 0) await call.settings.cache.apply(cache.pending.splice(0));
    };
    scheduleAfter(run, call.context);
  }
  call.done(response, failed);
}

/**
 * Starts `after()` work once the answer was sent (the adapter's `onClose`), or on the next
 * turn when the adapter reports no close; the runtime is kept alive for it (`waitUntil`).
 * @param run runs the queued tasks
 * @param context the adapter's connection hooks
 */
export function scheduleAfter(run: () => Promise<void>, context: AppContext | undefined): void {
  const start = () => {
    const done = run();
    context?.waitUntil?.(done);
  };
  if (context?.onClose) context.onClose(start);
  else setTimeout(start, 0);
}

// How Next.js names what came back: `typeof` for primitives and functions, the constructor's
// name for objects (`Object`, `Array`, …), `null` for null.
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  try {
    const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? name : 'object';
  } catch {
    return 'object';
  }
}
