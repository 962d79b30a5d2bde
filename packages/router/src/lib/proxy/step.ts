// The proxy step of the router: after the canonical-path 308 and before the base path, the
// route match and the method semantics, as Next.js orders them (proxy.js, Execution order).
// A request the matcher does not cover costs two string tests per matcher entry; a covered
// one runs the proxy on a copy of the request (its changes reach the route only through its
// answer, as in Next.js), in a request scope of its own (`after()`), with a NextFetchEvent.
import { NextFetchEvent, type AppContext } from '@approute/request';
import {
  createLazyRequest,
  createRequestScope,
  runAfterTasks,
  runInScope,
} from '@approute/request/internal';
import { failure, withoutBody } from '../answers.js';
import type { Fail, Respond } from '../call.js';
import { scheduleAfter } from '../invoke.js';
import type { CanonicalTarget } from '../locate.js';
import * as messages from '../messages.js';
import type { ProxyOptions, RouterLogger } from '../router-types.js';
import { forward } from './forward.js';
import { createProxyMatcher, requestConditionInput, type ProxyMatcher } from './matcher.js';
import { withProxyFields } from './merge.js';
import { pickProxyFunction, proxyKindOf, type ProxyFunction } from './module.js';
import { isMiddlewareHeader, readOutcome, type ProxyOutcome } from './outcome.js';

/** What the proxy step needs of the router. */
export interface ProxySettings {
  basePath: string;
  dev: boolean;
  logger: RouterLogger;
}

/**
 * Hands a request on to route matching after the proxy: the request the route gets, the path
 * (base path included) that picks the route, and where its answer goes.
 */
export type Continue = (request: Request, pathname: string, respond: Respond, fail: Fail) => void;

/** The proxy of an app, ready for requests. */
export interface ProxyStep {
  /** The compiled `config.matcher`. */
  readonly matcher: ProxyMatcher;
  /**
   * Whether the proxy runs for a request.
   * @param where the request's canonical path and query
   * @param request the request (`has`/`missing` read its headers)
   */
  covers(where: CanonicalTarget, request: Request): boolean;
  /**
   * Runs the proxy for a request it covers and answers it, directly or through `next`.
   * @param request the request
   * @param context the adapter's connection hooks
   * @param where the request's canonical path
   * @param next continues to route matching
   * @param respond gets the answer
   * @param fail gets an error no answer could be made for
   */
  run(
    request: Request,
    context: AppContext | undefined,
    where: CanonicalTarget,
    next: Continue,
    respond: Respond,
    fail: Fail,
  ): void;
}

/**
 * Compiles a proxy's matcher and prepares its module to load on the first request it covers.
 * @param options the proxy file, its `config` and its loader
 * @param settings base path, development mode and logger
 * @throws ProxyMatcherError for an invalid `config.matcher`
 */
export function createProxyStep(options: ProxyOptions, settings: ProxySettings): ProxyStep {
  const { file } = options;
  const matcher = createProxyMatcher(options.config, { basePath: settings.basePath, file });
  const page = `/${proxyKindOf(file)}`;
  const { logger } = settings;
  let handler: ProxyFunction | undefined;
  let loading: Promise<ProxyFunction> | undefined;
  // Loaded once; a module that fails to load is tried again on the next request.
  const load = (): ProxyFunction | Promise<ProxyFunction> => {
    if (handler) return handler;
    if (!loading) {
      loading = options.load().then((mod) => (handler = pickProxyFunction(mod, file).handler));
      const settled = () => (loading = undefined);
      loading.then(settled, settled);
    }
    return loading;
  };

  const covers = (where: CanonicalTarget, request: Request): boolean => {
    if (matcher.matchesAll) return true;
    if (!matcher.mayMatch(where.pathname)) return false;
    return matcher.matches(where.pathname, requestConditionInput(request, where.search));
  };

  const run: ProxyStep['run'] = (request, context, where, next, respond, fail) => {
    const failed = (message: string, error: unknown) => {
      logger.error(message, error);
      respond(failure(settings.dev, error));
    };
    const pending = load();
    const call = (fn: ProxyFunction) => {
      callProxy(fn, { request, context, where, next, respond, fail, failed });
    };
    if (!(pending instanceof Promise)) call(pending);
    else
      pending.then(call, (error: unknown) => {
        failed(messages.proxyLoadFailed(file, request.method, where.target), error);
      });
  };

  interface Call {
    request: Request;
    context: AppContext | undefined;
    where: CanonicalTarget;
    next: Continue;
    respond: Respond;
    fail: Fail;
    failed: (message: string, error: unknown) => void;
  }

  function callProxy(fn: ProxyFunction, call: Call): void {
    const { request, context, where } = call;
    const method = request.method;
    const body = new SharedBody(request);
    const { pairs, stripped } = headerPairs(request.headers);
    const proxyRequest = createLazyRequest({
      method,
      url: request.url,
      headers: pairs,
      body: body.forProxy,
      signal: () => request.signal,
      basePath: settings.basePath,
    });
    const scope = createRequestScope(proxyRequest);
    const event = new NextFetchEvent({
      page,
      context: {
        waitUntil: (promise) => {
          const kept = Promise.resolve(promise).then(undefined, (error: unknown) => {
            logger.error(messages.waitUntilFailed(file), error);
          });
          context?.waitUntil?.(kept);
        },
      },
    });
    const done = (response: Response) => {
      if (scope.afterTasks !== undefined) {
        const onError = (error: unknown) => {
          logger.error(messages.proxyAfterFailed(file), error);
        };
        scheduleAfter(() => runAfterTasks(scope, onError), context);
      }
      call.respond(response);
    };
    const onThrow = (error: unknown) => {
      logger.error(messages.proxyFailed(file, method, where.target), error);
      done(failure(settings.dev, error));
    };
    const onResult = (result: unknown) => {
      let outcome: ProxyOutcome;
      try {
        if (result === undefined || result === null) outcome = unchanged(stripped);
        else if (result instanceof Response) outcome = readOutcome(result, request, stripped);
        else throw new TypeError('Expected an instance of Response to be returned');
      } catch (error) {
        onThrow(error);
        return;
      }
      if (outcome.kind === 'answer') {
        done(method === 'HEAD' ? withoutBody(outcome.response) : outcome.response);
        return;
      }
      const { responseFields, external } = outcome;
      const routeRequest = body.requestFor(outcome.requestHeaders, settings.basePath);
      const merged = (response: Response) => {
        done(withProxyFields(response, responseFields));
      };
      if (external === undefined) {
        call.next(routeRequest, outcome.rewrite ?? where.pathname, merged, call.fail);
        return;
      }
      forward(external, routeRequest).then(merged, (error: unknown) => {
        logger.error(messages.forwardFailed(external), error);
        done(failure(settings.dev, error));
      });
    };
    let result: unknown;
    try {
      result = runInScope(scope, fn, proxyRequest, event);
    } catch (error) {
      onThrow(error);
      return;
    }
    if (isThenable(result)) Promise.resolve(result).then(onResult, onThrow);
    else onResult(result);
  }

  return { matcher, covers, run };
}

function unchanged(stripped: Headers | undefined): ProxyOutcome {
  return {
    kind: 'continue',
    requestHeaders: stripped,
    responseFields: [],
    rewrite: undefined,
    external: undefined,
  };
}

// The request's header fields without the `x-middleware-*` ones a client may have sent (Next.js
// removes them before its proxy runs), and those headers as a `Headers` when there were any.
function headerPairs(headers: Headers): {
  pairs: [string, string][];
  stripped: Headers | undefined;
} {
  const pairs: [string, string][] = [];
  let found = false;
  for (const [name, value] of headers) {
    if (isMiddlewareHeader(name)) found = true;
    else pairs.push([name, value]);
  }
  return { pairs, stripped: found ? new Headers(pairs) : undefined };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

// One request body for two readers: the proxy, and after it the route (or the external URL).
// It is split (tee) only when the proxy reads it; otherwise the route reads the original.
class SharedBody {
  readonly #request: Request;
  #forRoute: ReadableStream<Uint8Array> | null | undefined;

  constructor(request: Request) {
    this.#request = request;
  }

  readonly forProxy = (): ReadableStream<Uint8Array> | null => {
    const body = this.#request.body;
    if (body === null) return null;
    const [proxy, route] = body.tee();
    this.#forRoute = route;
    return proxy;
  };

  /**
   * The request the route gets: the original one when the proxy changed neither its headers
   * nor read its body, otherwise a copy with the new headers and the body's second branch.
   */
  requestFor(headers: Headers | undefined, basePath: string): Request {
    const request = this.#request;
    if (headers === undefined && this.#forRoute === undefined) return request;
    const teed = this.#forRoute;
    return createLazyRequest({
      method: request.method,
      url: request.url,
      headers: headers ?? request.headers,
      body: () => (teed === undefined ? request.body : teed),
      signal: () => request.signal,
      basePath,
    });
  }
}
