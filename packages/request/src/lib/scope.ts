// The per-request scope behind `cookies()`, `headers()`, `draftMode()`, `after()` and
// `revalidatePath()`, kept in scope storage so that concurrent requests never see each other's
// state. What the router does with a scope once the handler answered (merging its cookies into
// the response) lives in set-cookie-merge.ts.
import type { CacheScope } from './cache/cache-scope.js';
import type { RequestCache } from './cache/request-cache.js';
import type { RequestCookie } from './cookie-text.js';
import { RequestApiError } from './errors.js';
import { hasParsedCookies, NextRequest } from './next-request.js';
import { cookieHeaderOf } from './request-cookies.js';
import { ReadonlyHeaders } from './readonly-headers.js';
import { ResponseCookies, STORE_GUARD, STORE_SEED, STORE_TOUCHED } from './response-cookies.js';
import { createScopeStorage, frameBasedStorage } from './scope-storage.js';
import { provideVercelContext } from './vercel-context.js';

/** A callback (or promise) for `after()`. */
export type AfterTask<T = unknown> = (() => T | Promise<T>) | Promise<T>;

const RUNNING = 0;
const AFTER = 1;
const DONE = 2;

/**
 * How synchronous access to `params`, `cookies()`, `headers()` and `draftMode()` behaves in
 * this request when the app runs with Next.js 15 compatibility (`compat: 'next15'`).
 */
export interface SyncAccess {
  /** The route as Next.js names it in its warnings, e.g. `/blog/[slug]`. */
  route: string;
  /** Where the development warnings go; `undefined` in production (no warnings, as Next.js 15). */
  warn: ((message: string) => void) | undefined;
}

/** The state of one request: its cookie store, headers view, `after()` tasks and cache state. */
export class RequestScope {
  /** The request this scope belongs to. */
  readonly request: Request;
  /** @internal */ phase: typeof RUNNING | typeof AFTER | typeof DONE = RUNNING;
  /** @internal */ store: ResponseCookies | undefined = undefined;
  /** @internal */ headersView: ReadonlyHeaders | undefined = undefined;
  /** The tasks `after()` queued; `undefined` until it is first called, so a router can skip `runAfterTasks`. */
  afterTasks: AfterTask[] | undefined = undefined;
  /** @internal */ draftMode: boolean | undefined = undefined;
  /**
   * The request's cache state (implicit tags, revalidations, the static answer being
   * produced), set by the router; `undefined` where no router runs the handler.
   */
  cache: RequestCache | undefined = undefined;
  /** Set inside a `'use cache'` or `unstable_cache` function: what it collects. */
  cacheScope: CacheScope | undefined = undefined;
  /** What runs in this scope, for log lines about errors nothing caught (see {@link activeScope}). */
  readonly route: ScopeRoute | undefined;
  /**
   * Called with the expression used (`connection()`) when the handler asks for what only a real
   * request has: the router sets it while a static answer is produced, to fail the build of a
   * `dynamic = 'error'` route.
   */
  dynamicUsage: ((expression: string) => void) | undefined = undefined;
  /** Set by the router when synchronous access is allowed, as Next.js 15 allowed it. */
  syncAccess: SyncAccess | undefined = undefined;
  /** @internal Made by the first synchronous access (most requests make none). */
  exotic: Partial<Record<'cookies' | 'headers' | 'draftMode', Promise<unknown>>> | undefined =
    undefined;
  /** @internal */ warned: Set<string> | undefined = undefined;

  /** @internal Throws when `cookies()` is changed where only reading is allowed (inside `after()`). */
  checkCookieChange(): void {
    if (this.phase !== RUNNING) throw new ReadonlyRequestCookiesError();
  }

  /**
   * Creates the scope; nothing is parsed until `cookies()` or `headers()` asks.
   * @param request the request being handled
   * @param route the route handler that runs in it
   */
  constructor(request: Request, route?: ScopeRoute) {
    this.request = request;
    this.route = route;
  }
}

/** The route handler a scope runs: its file (`app/x/route.ts`), the method and the target. */
export interface ScopeRoute {
  file: string;
  method: string;
  target: string;
}

/** Thrown when `cookies()` is changed where only reading is allowed (inside `after()`). */
export class ReadonlyRequestCookiesError extends RequestApiError {
  // Next.js's class of the same name leaves `name` as 'Error'.
  override readonly name = 'Error';
  constructor() {
    super(
      'ERR_READONLY_COOKIES',
      'Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options',
    );
  }
}

/** Thrown when `cookies()`, `headers()`, `draftMode()` or `after()` is called outside a request. */
export class OutsideRequestScopeError extends RequestApiError {
  // Next.js throws a plain Error with this message.
  override readonly name = 'Error';
  /** The function that was called. */
  readonly expression: string;
  /**
   * @param expression the function that was called
   * @param message Next.js's own words where they differ (revalidatePath's invariant)
   */
  constructor(expression: string, message?: string) {
    super(
      'ERR_OUTSIDE_REQUEST_SCOPE',
      message ??
        `\`${expression}\` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context`,
    );
    this.expression = expression;
  }
}

const storage = createScopeStorage<RequestScope>();

function noop(): void {
  // Intentionally empty.
}

/**
 * Creates the scope for one request; pass it to {@link runInScope} around the handler.
 * @param request the request being handled
 * @param route the route handler that runs in it, named in log lines about its errors
 */
export function createRequestScope(request: Request, route?: ScopeRoute): RequestScope {
  provideVercelContext();
  return new RequestScope(request, route);
}

/**
 * The request scope the current code runs in, if any: an `unhandledRejection` or
 * `uncaughtException` listener sees the scope of the code that made the promise or the timer.
 */
export function activeScope(): RequestScope | undefined {
  return storage.getStore();
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

const settled = Promise.resolve();

/**
 * Calls `fn(...args)` with `scope` as the current request scope, now or, where that is
 * cheaper (Node 24 and later, see scope-storage.ts), in a microtask, and hands its result to
 * `then`; the code after this call must not depend on which. Whatever `fn` schedules (its
 * promise's reactions included) runs in the scope either way. `then` runs in the scope where
 * the scope is entered in a microtask, and outside it elsewhere: on Node 20 and 22 every async
 * resource made in a scope (the ticks and timers of writing the answer, the reaction promise
 * on the handler's result) takes the scope with it, and making it there measured 2,800
 * instructions a request more under callgrind. Neither may throw: nothing catches it in a
 * microtask.
 * @param scope the request's scope
 * @param then gets what `fn` returned
 * @param fn the work to run, usually a call of the route handler
 * @param a `fn`'s first argument
 * @param b its second
 * @param c its third
 */
export function enterScope<A, B, C, R>(
  scope: RequestScope,
  then: (result: R) => void,
  fn: (a: A, b: B, c: C) => R,
  a: A,
  b: B,
  c: C,
): void {
  // Three arguments, not a rest parameter: no array to make and spread on every request.
  if (!frameBasedStorage) {
    then(storage.run(scope, fn, a, b, c));
    return;
  }
  void settled.then(() => {
    storage.enterWith(scope);
    then(fn(a, b, c));
  });
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
  // The scope itself rather than a closure over it: on Node 26 a closure made here, kept by
  // the store, moved enough per request into the old generation to cost a full GC every few
  // thousand requests (measured with --trace-gc on GET /dashboard/[team]).
  store[STORE_GUARD] = scope;
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

/** Thrown when `after()` is given something that is neither a function nor a promise. */
export class InvalidAfterTaskError extends RequestApiError {
  // Next.js throws a plain Error with this message.
  override readonly name = 'Error';
  constructor() {
    super('ERR_INVALID_AFTER_TASK', '`after()`: Argument must be a promise or a function');
  }
}

/**
 * Queues work to run after the response was sent (also after an error or a redirect).
 * @param task a callback, or a promise to wait for
 */
export function after<T>(task: AfterTask<T>): void {
  const scope = currentScope('after');
  if (typeof task !== 'function' && !(task instanceof Promise)) throw new InvalidAfterTaskError();
  queueAfterTask(scope, task);
}

/**
 * Queues an `after()` task on a scope (also what `@vercel/functions`' `waitUntil` reaches).
 * Once the scope's tasks have all run, a promise queued late is only watched for rejection.
 * @param scope the request's scope
 * @param task a callback, or a promise to wait for
 */
export function queueAfterTask(scope: RequestScope, task: AfterTask): void {
  if (typeof task !== 'function') {
    // runAfterTasks reports a rejection; until then it must not count as unhandled (which
    // would end the process).
    task.catch(scope.phase === DONE ? console.error : noop);
    if (scope.phase === DONE) return;
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
  if (!tasks) {
    scope.phase = DONE;
    return;
  }
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
  scope.phase = DONE;
}
