// The per-request scope behind `cookies()`, `headers()`, `draftMode()` and `after()`, kept
// with AsyncLocalStorage so that concurrent requests never see each other's state.
import { AsyncLocalStorage } from 'node:async_hooks';
import { setCookieName, type RequestCookie } from './cookie-text.js';
import { readControlFlow } from './navigation.js';
import { hasParsedCookies, NextRequest } from './next-request.js';
import { cookieHeaderOf } from './request-cookies.js';
import { ReadonlyHeaders } from './readonly-headers.js';
import {
  changedSetCookies,
  ResponseCookies,
  STORE_GUARD,
  STORE_SEED,
  STORE_TOUCHED,
} from './response-cookies.js';

/** A callback (or promise) for `after()`. */
export type AfterTask<T = unknown> = (() => T | Promise<T>) | Promise<T>;

const RUNNING = 0;
const AFTER = 1;

/** The state of one request: its cookie store, headers view and `after()` tasks. Opaque. */
export class RequestScope {
  /** The request this scope belongs to. */
  readonly request: Request;
  /** @internal */ phase: typeof RUNNING | typeof AFTER = RUNNING;
  /** @internal */ store: ResponseCookies | undefined = undefined;
  /** @internal */ headersView: ReadonlyHeaders | undefined = undefined;
  /** The tasks `after()` queued; `undefined` until it is first called, so a router can skip `runAfterTasks`. */
  afterTasks: AfterTask[] | undefined = undefined;
  /** @internal */ draftMode: boolean | undefined = undefined;
  /** The paths `revalidatePath()` named in this request, for the router to drop from its static cache. */
  revalidatedPaths: string[] | undefined = undefined;

  /**
   * Creates the scope; nothing is parsed until `cookies()` or `headers()` asks.
   * @param request the request being handled
   */
  constructor(request: Request) {
    this.request = request;
  }
}

/** Thrown when `cookies()` is changed where only reading is allowed (inside `after()`). */
export class ReadonlyRequestCookiesError extends Error {
  override readonly name = 'ReadonlyRequestCookiesError';
  readonly code = 'READONLY_COOKIES';
  constructor() {
    super(
      'Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options',
    );
  }
}

/** Thrown when `cookies()`, `headers()`, `draftMode()` or `after()` is called outside a request. */
export class OutsideRequestScopeError extends Error {
  override readonly name = 'OutsideRequestScopeError';
  readonly code = 'OUTSIDE_REQUEST_SCOPE';
  /** The function that was called. */
  readonly expression: string;
  constructor(expression: string) {
    super(
      `\`${expression}\` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context`,
    );
    this.expression = expression;
  }
}

const storage = new AsyncLocalStorage<RequestScope>();

function noop(): void {
  // Intentionally empty.
}

/**
 * Creates the scope for one request; pass it to {@link runInScope} around the handler.
 * @param request the request being handled
 */
export function createRequestScope(request: Request): RequestScope {
  return new RequestScope(request);
}

/**
 * Calls `fn(...args)` with `scope` as the current request scope (for everything it awaits, too).
 * @param scope the request's scope
 * @param fn the work to run, usually the route handler
 * @param args what `fn` is called with (passed through, so that no closure is needed)
 */
export function runInScope<A extends unknown[], T>(
  scope: RequestScope,
  fn: (...args: A) => T,
  ...args: A
): T {
  return storage.run(scope, fn, ...args);
}

/**
 * The current request scope.
 * @param expression the calling function's name, for the error message
 * @throws OutsideRequestScopeError when there is none
 */
export function currentScope(expression: string): RequestScope {
  const scope = storage.getStore();
  if (!scope) throw new OutsideRequestScopeError(expression);
  return scope;
}

// The request's cookies as the store starts with them: the parsed `request.cookies` when the
// handler already read them, otherwise the `Cookie` header parsed once, straight into the store.
function requestCookies(request: Request): Iterable<RequestCookie> | string {
  if (request instanceof NextRequest && hasParsedCookies(request)) return request.cookies.getAll();
  return cookieHeaderOf(request) ?? '';
}

/**
 * The scope's cookie store, created on first use and seeded with the request's cookies.
 * @param scope the request's scope
 */
export function scopeCookies(scope: RequestScope): ResponseCookies {
  let store = scope.store;
  if (store) return store;
  store = new ResponseCookies();
  store[STORE_SEED](requestCookies(scope.request));
  store[STORE_TOUCHED] = null;
  store[STORE_GUARD] = () => {
    if (scope.phase === AFTER) throw new ReadonlyRequestCookiesError();
  };
  scope.store = store;
  return store;
}

/**
 * The scope's read-only headers view.
 * @param scope the request's scope
 */
export function scopeHeaders(scope: RequestScope): ReadonlyHeaders {
  return (scope.headersView ??= new ReadonlyHeaders(scope.request));
}

/**
 * Queues work to run after the response was sent (also after an error or a redirect).
 * @param task a callback, or a promise to wait for
 */
export function after<T>(task: AfterTask<T>): void {
  const scope = currentScope('after');
  if (typeof task !== 'function') {
    if (!(task instanceof Promise))
      throw new TypeError('`after()`: Argument must be a promise or a function');
    // runAfterTasks reports a rejection; until then it must not count as unhandled (which
    // would end the process).
    task.catch(noop);
  }
  (scope.afterTasks ??= []).push(task);
}

/**
 * Runs the scope's `after()` tasks, inside the scope, with `cookies()` now read-only; tasks
 * queued meanwhile run too. A task that throws is reported and does not stop the others.
 * @param scope the request's scope
 * @param onError where task errors go (default: console.error)
 */
export async function runAfterTasks(
  scope: RequestScope,
  onError: (error: unknown) => void = console.error,
): Promise<void> {
  scope.phase = AFTER;
  const tasks = scope.afterTasks;
  if (!tasks) return;
  const run = async (task: AfterTask): Promise<void> => {
    try {
      await (typeof task === 'function' ? task() : task);
    } catch (error) {
      onError(error);
    }
  };
  while (tasks.length > 0) {
    const batch = tasks.splice(0);
    await runInScope(scope, () => Promise.all(batch.map(run)));
  }
}

function withSetCookies(response: Response, fields: readonly string[]): Response {
  const [first, ...rest] = fields;
  if (first === undefined) return response;
  let headers = response.headers;
  try {
    headers.append('set-cookie', first);
  } catch {
    // Immutable headers (`Response.redirect()`, a `fetch()` answer): copy the response once.
    headers = new Headers(headers);
    headers.append('set-cookie', first);
    response = new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  }
  for (const field of rest) headers.append('set-cookie', field);
  return response;
}

/**
 * Adds the cookies set or deleted through `cookies()` to the handler's response, each as its
 * own `Set-Cookie` field after the response's own ones, which are kept byte for byte and win
 * when they set the same name.
 * @param scope the request's scope
 * @param response the handler's response
 * @returns `response`, or a copy when its headers could not be changed
 */
export function finalizeResponse(scope: RequestScope, response: Response): Response {
  const store = scope.store;
  // Read but not changed (the common case): nothing to add.
  if (!store?.[STORE_TOUCHED]) return response;
  const changed = changedSetCookies(store);
  if (changed.length === 0) return response;
  const own = response.headers.getSetCookie();
  const taken = new Set(own.map(setCookieName));
  const fields: string[] = [];
  for (const { name, field } of changed) if (!taken.has(name)) fields.push(field);
  return withSetCookies(response, fields);
}

// `Location` must be a ByteString; characters outside Latin-1 (and controls) are percent-encoded.
const NOT_HEADER_SAFE = /[^\t\x20-\x7e\x80-\xff]/gu;

/**
 * Turns a `redirect()`/`permanentRedirect()` (307/308, `Location` as given, with the store's
 * cookies) or `notFound()`/`forbidden()`/`unauthorized()` (404/403/401) error into its
 * empty-bodied response; any other error gives `undefined`.
 * @param error what the handler threw
 * @param scope the request's scope
 */
export function controlFlowResponse(error: unknown, scope: RequestScope): Response | undefined {
  const flow = readControlFlow(error);
  if (!flow) return undefined;
  if (flow.kind === 'status') return new Response(null, { status: flow.status });
  const headers = new Headers({ location: flow.url.replace(NOT_HEADER_SAFE, encodeURIComponent) });
  if (scope.store)
    for (const { field } of changedSetCookies(scope.store)) headers.append('set-cookie', field);
  return new Response(null, { status: flow.status, headers });
}
