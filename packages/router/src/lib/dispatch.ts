import {
  asNextRequest,
  controlFlowResponse,
  createRequestScope,
  finalizeResponse,
  middlewareOnlyKind,
  runAfterTasks,
  runInScope,
  type NextRequest,
  type RequestScope,
} from '@approute/request';
import type { ManifestRoute, RouteHandlerContext } from './manifest-types.js';
import { isHttpMethod, type HttpMethod } from './methods.js';
import type { Params } from './params.js';
import type { HandleOptions } from './router.js';
import type { StaticCache } from './static/static-cache.js';
import { staticRequest } from './static/static-request.js';
import { paramsKey, type StaticGetInfo } from './static/static-route.js';
import type { RouterLogger } from './validate.js';

type Handler = (request: Request, context: RouteHandlerContext) => unknown;

/** A route module after loading and validation. */
export interface LoadedRoute {
  handlers: Partial<Record<HttpMethod, Handler>>;
  /** The `Allow` header for OPTIONS and 405. */
  allow: string;
  /** Set when the route's GET is produced once and cached (segment config). */
  staticGet: StaticGetInfo | undefined;
}

/** The router's settings, shared by every request. */
export interface DispatchSettings {
  /** The loaded module, or a Promise of it on the route's first requests. */
  load: (route: ManifestRoute) => LoadedRoute | Promise<LoadedRoute>;
  /** What `asNextRequest` needs: `{ basePath }`. */
  requestOptions: { basePath: string };
  dev: boolean;
  logger: RouterLogger;
  /** Where static GET answers are kept. */
  staticCache: StaticCache;
}

/** One matched request. */
export interface Matched {
  route: ManifestRoute;
  params: Params | undefined;
  /** The request path and query as received, for log lines. */
  url: string;
  /** The canonical path below the base path: the static cache's key. */
  path: string;
}

/** Receives the answer to a request. */
export type Respond = (response: Response) => void;
/** Receives an error no answer could be made for (the adapter answers 500). */
export type Fail = (error: unknown) => void;

/**
 * Runs the method semantics of one matched request: 501 for unknown method tokens, automatic
 * OPTIONS, HEAD from GET, 405 with `Allow`, the handler inside its request scope, and 500 for
 * a throw or anything that is not a `Response`.
 *
 * Callbacks rather than a returned Promise: on the hot path the only promise reaction is the
 * one on the handler's own result. While AsyncLocalStorage is in use (Node 20 tracks every
 * promise of the process through async hooks) each extra hop costs as much as a route match.
 * @param request the incoming request
 * @param settings the router's settings
 * @param matched the route and params the path matched
 * @param hooks the adapter's `after()` hooks
 * @param respond gets the answer (synchronously when no handler had to be awaited)
 * @param fail gets an error that escaped every handler of this module's own
 */
export function dispatch(
  request: Request,
  settings: DispatchSettings,
  matched: Matched,
  hooks: HandleOptions | undefined,
  respond: Respond,
  fail: Fail,
): void {
  const method = request.method;
  if (!isHttpMethod(method)) {
    respond(empty(501));
    return;
  }
  let pending: LoadedRoute | Promise<LoadedRoute>;
  try {
    pending = settings.load(matched.route);
  } catch (error) {
    respond(loadFailure(settings, matched, method, error));
    return;
  }
  if (pending instanceof Promise) {
    pending.then(
      (loaded) => {
        try {
          dispatchLoaded(loaded, request, method, settings, matched, hooks, respond, fail);
        } catch (error) {
          fail(error);
        }
      },
      (error: unknown) => {
        respond(loadFailure(settings, matched, method, error));
      },
    );
    return;
  }
  dispatchLoaded(pending, request, method, settings, matched, hooks, respond, fail);
}

function loadFailure(
  settings: DispatchSettings,
  matched: Matched,
  method: string,
  error: unknown,
): Response {
  settings.logger.error(
    `Failed to load route module 'app/${matched.route.file}' (method: ${method}, url: ${matched.url})`,
    error,
  );
  return failure(settings, error);
}

function dispatchLoaded(
  loaded: LoadedRoute,
  request: Request,
  method: HttpMethod,
  settings: DispatchSettings,
  matched: Matched,
  hooks: HandleOptions | undefined,
  respond: Respond,
  fail: Fail,
): void {
  let handler = loaded.handlers[method];
  if (!handler) {
    if (method === 'HEAD' && loaded.handlers.GET) {
      handler = loaded.handlers.GET;
    } else {
      respond(
        new Response(null, {
          status: method === 'OPTIONS' ? 204 : 405,
          headers: { allow: loaded.allow },
        }),
      );
      return;
    }
  }
  if (loaded.staticGet && handler === loaded.handlers.GET) {
    const served = serveStatic(settings, matched, loaded.staticGet, handler, hooks);
    (method === 'HEAD' ? served.then(withoutBody) : served).then(respond, fail);
    return;
  }
  const nextRequest = asNextRequest(request, settings.requestOptions);
  const scope = createRequestScope(nextRequest);
  invoke(handler, nextRequest, {
    scope,
    settings,
    matched,
    method,
    hooks,
    outcome: undefined,
    respond,
    fail,
  });
}

/** Set by {@link invoke} when the handler threw or returned something unsendable. */
interface Outcome {
  failed: boolean;
}

/** One handler call: what turning its result into the answer needs. */
interface Call {
  scope: RequestScope;
  settings: DispatchSettings;
  matched: Matched;
  method: string;
  hooks: HandleOptions | undefined;
  /** Set when the caller (a static producer) must know whether the handler failed. */
  outcome: Outcome | undefined;
  respond: Respond;
  fail: Fail;
}

// Runs a handler inside its request scope (`state.scope`, fresh for this call), turning throws and bad results into a 500 (the
// cause logged) and control-flow errors into their answers; schedules after() callbacks. HEAD
// answers lose their body.
function invoke(handler: Handler, nextRequest: NextRequest, state: Call): void {
  const context: RouteHandlerContext = {
    params: state.matched.params && Promise.resolve(state.matched.params),
  };
  // Neither may throw: nothing reacts to the promise their `.then` makes (one reaction less).
  const onResult = (result: unknown): void => {
    try {
      let response: Response;
      try {
        response = fromResult(result, state);
      } catch (error) {
        response = fromThrow(error, state);
      }
      afterHandler(state, response);
    } catch (error) {
      state.fail(error);
    }
  };
  const onThrow = (error: unknown): void => {
    try {
      afterHandler(state, fromThrow(error, state));
    } catch (failure) {
      state.fail(failure);
    }
  };
  let result: unknown;
  try {
    result = runInScope(state.scope, handler, nextRequest, context);
  } catch (error) {
    onThrow(error);
    return;
  }
  // A handler's own promise gets one reaction; a thenable is adopted as `await` would.
  if (result instanceof Promise) void (result as Promise<unknown>).then(onResult, onThrow);
  else if (isThenable(result)) void Promise.resolve(result).then(onResult, onThrow);
  else onResult(result);
}

// invoke() as a Promise, for the static producer (not on the hot path).
function invoked(
  handler: Handler,
  nextRequest: NextRequest,
  settings: DispatchSettings,
  matched: Matched,
  hooks: HandleOptions | undefined,
  outcome: Outcome,
): Promise<Response> {
  return new Promise((respond, fail) => {
    const scope = createRequestScope(nextRequest);
    invoke(handler, nextRequest, {
      scope,
      settings,
      matched,
      method: 'GET',
      hooks,
      outcome,
      respond,
      fail,
    });
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function fromResult(result: unknown, call: Call): Response {
  const problem = resultProblem(result, call.method, call.matched);
  if (problem === undefined) return finalizeResponse(call.scope, result as Response);
  call.settings.logger.error(problem);
  if (call.outcome) call.outcome.failed = true;
  return failure(call.settings, new TypeError(problem));
}

function fromThrow(error: unknown, call: Call): Response {
  const flow = controlFlowResponse(error, call.scope);
  if (flow) return flow;
  const { matched } = call;
  call.settings.logger.error(
    `Route handler 'app/${matched.route.file}' failed (method: ${call.method}, url: ${matched.url})`,
    error,
  );
  if (call.outcome) call.outcome.failed = true;
  return failure(call.settings, error);
}

// What follows every handler call: revalidatePath() takes effect before the answer goes out
// (so the client's next request already gets a fresh static answer), after() callbacks are
// scheduled, HEAD loses the body.
function afterHandler(call: Call, response: Response): void {
  const paths = call.scope.revalidatedPaths;
  if (paths === undefined) {
    finish(call, response);
    return;
  }
  (async () => {
    for (const path of paths) await call.settings.staticCache.revalidatePath(path);
  })().then(() => {
    finish(call, response);
  }, call.fail);
}

function finish(call: Call, response: Response): void {
  const { scope } = call;
  // As Next.js does, listen for the close only when after() was called: a fetch adapter has to
  // wrap the body to see the close, and that costs more than the whole dispatch.
  if (scope.afterTasks !== undefined) {
    const onError = (error: unknown) => {
      call.settings.logger.error(
        `An after() callback of route handler 'app/${call.matched.route.file}' failed`,
        error,
      );
    };
    scheduleAfter(() => runAfterTasks(scope, onError), call.hooks);
  }
  call.respond(call.method === 'HEAD' ? withoutBody(response) : response);
}

/** A static answer could not be produced; the cause was logged where it happened. */
class StaticProductionError extends Error {
  constructor(
    readonly response: Response,
    route: ManifestRoute,
  ) {
    super(
      `Producing the static answer of ${route.id} (app/${route.file}) failed; the cause is logged above.`,
    );
  }
}

// Runs the GET handler with the request Next.js substitutes during static generation; a
// failed run rejects, so that nothing is cached.
function producer(
  settings: DispatchSettings,
  matched: Matched,
  info: StaticGetInfo,
  handler: Handler,
  hooks: HandleOptions | undefined,
) {
  return async (): Promise<Response> => {
    const request = staticRequest(
      matched.path,
      settings.requestOptions.basePath,
      info.dynamic,
      matched.route.id,
    );
    const outcome: Outcome = { failed: false };
    const response = await invoked(handler, request, settings, matched, hooks, outcome);
    if (outcome.failed) throw new StaticProductionError(response, matched.route);
    return response;
  };
}

// Serves a static GET from the cache, producing it on a miss. A failed production answers
// this request with its 500; the next request tries again.
async function serveStatic(
  settings: DispatchSettings,
  matched: Matched,
  info: StaticGetInfo,
  handler: Handler,
  hooks: HandleOptions | undefined,
): Promise<Response> {
  if (!info.dynamicParams && info.listed && !info.listed.has(paramsKey(matched.params)))
    return empty(404);
  try {
    return await settings.staticCache.serve(
      matched.path,
      info.revalidate,
      producer(settings, matched, info, handler, hooks),
      hooks?.waitUntil,
    );
  } catch (error) {
    if (error instanceof StaticProductionError) return error.response;
    settings.logger.error(
      `The static cache failed for 'app/${matched.route.file}' (url: ${matched.url})`,
      error,
    );
    return failure(settings, error);
  }
}

/**
 * Produces a static answer outside any request (at build): the same substituted request and
 * checks as on a cache miss. Rejects when the handler fails.
 * @param settings the router's settings
 * @param matched the route, its params and its path
 * @param info the route's static settings
 * @param handler the route's GET
 */
export async function produceStatic(
  settings: DispatchSettings,
  matched: Matched,
  info: StaticGetInfo,
  handler: Handler,
): Promise<void> {
  await settings.staticCache.produce(
    matched.path,
    info.revalidate,
    producer(settings, matched, info, handler, undefined),
  );
}

// The log line for a handler result that cannot be sent, in Next.js's words.
function resultProblem(result: unknown, method: string, matched: Matched): string | undefined {
  if (!(result instanceof Response)) {
    const type = typeName(result);
    return `No response is returned from route handler '${where(matched)}'. Expected a Response object but received '${type}' (method: ${method}, url: ${matched.url}). Ensure you return a Response or a NextResponse in all branches of your handler.`;
  }
  switch (middlewareOnlyKind(result)) {
    case 'rewrite':
      return `NextResponse.rewrite() was used in a app route handler, this is not currently supported. Please remove the invocation to continue. Route handler '${where(matched)}' (method: ${method}, url: ${matched.url}).`;
    case 'next':
      return `NextResponse.next() was used in a app route handler, this is not supported. See here for more info: https://nextjs.org/docs/messages/next-response-next-in-app-route-handler Route handler '${where(matched)}' (method: ${method}, url: ${matched.url}).`;
    default:
      return undefined;
  }
}

function where(matched: Matched): string {
  return `app/${matched.route.file}`;
}

// 500 with an empty body and no content type; in development the message and stack.
function failure(settings: DispatchSettings, error: unknown): Response {
  if (!settings.dev) return empty(500);
  const text =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return new Response(text, {
    status: 500,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

function empty(status: number): Response {
  return new Response(null, { status });
}

function withoutBody(response: Response): Response {
  if (response.body === null) return response;
  response.body.cancel().catch(() => undefined);
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function scheduleAfter(run: () => Promise<void>, hooks: HandleOptions | undefined): void {
  const start = () => {
    const done = run();
    hooks?.waitUntil?.(done);
  };
  if (hooks?.onClose) hooks.onClose(start);
  else setTimeout(start, 0);
}

// How Next.js names what came back: `typeof` for primitives and functions, the constructor's
// name for objects (`Object`, `Array`, …), `null` for null.
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  try {
    const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? name : 'Object';
  } catch {
    return 'Object';
  }
}
