// Failures of a cache handler never reach a request: every call is bounded by a deadline, and a
// rejection or a late answer counts as a miss (`get`), a dropped write (`set`), no known
// expiry (`getExpiration`) or a failed revalidation (`updateTags`, logged). One line is logged
// when the handler starts failing and one when it answers again.
import type { CacheHandler } from './handler.js';

/** Where the guard reports a failing handler. */
export interface GuardLogger {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/**
 * Wraps a handler so that none of its calls rejects or takes longer than `timeoutMs`.
 * @param handler the handler
 * @param options the deadline, the logger and the handler's name in log lines
 */
export function guardHandler(
  handler: CacheHandler,
  options: { timeoutMs: number; logger: GuardLogger; name: string },
): CacheHandler {
  let failing = false;
  const { timeoutMs, logger, name } = options;
  const fail = (error: unknown) => {
    if (failing) return;
    failing = true;
    logger.warn(
      `[approute] The cache handler "${name}" failed (${reason(error)}); serving without it until it answers again.`,
    );
  };
  const ok = () => {
    if (!failing) return;
    failing = false;
    logger.warn(`[approute] The cache handler "${name}" answers again.`);
  };
  function call<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<T>((resolve) => {
      timer = setTimeout(() => {
        fail(new Error(`no answer within ${timeoutMs} ms`));
        resolve(fallback);
      }, timeoutMs);
    });
    let running: Promise<T>;
    try {
      running = Promise.resolve(work());
    } catch (error) {
      running = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const settled = running.then(
      (value) => {
        ok();
        return value;
      },
      (error: unknown) => {
        fail(error);
        return fallback;
      },
    );
    return Promise.race([settled, late]).finally(() => {
      clearTimeout(timer);
    });
  }
  return {
    get: (key, softTags) => call(() => handler.get(key, softTags), undefined),
    set: (key, pending) => call(() => handler.set(key, pending), undefined),
    refreshTags: () => call(() => handler.refreshTags(), undefined),
    getExpiration: (tags) => call(() => handler.getExpiration(tags), 0),
    updateTags: (tags, durations) => call(() => handler.updateTags(tags, durations), undefined),
  };
}
