// Route bugs that escape every handler: a rejected promise nobody awaits, a timer callback that
// throws. Node ends the process for both; Next.js's `next start` logs them (`⨯
// unhandledRejection:`, `⨯ uncaughtException:`) and keeps serving, and code written for Next.js
// relies on that. So does approute while a server is open: each is logged once, naming the route
// handler whose code made the promise or the timer (the request scope follows them), unless
// the server was asked to crash instead (for a supervisor that restarts it).
import { uncaughtPrefix, type UncaughtKind } from '@approute/request/internal';

/** How an error nobody caught is dealt with. */
export interface ProcessErrorOptions {
  /** Exit with code 1 after logging, instead of serving on. */
  crashOnError: boolean;
  /** Where the line goes (default: console.error). */
  log?: (...data: unknown[]) => void;
}

const users = new Set<ProcessErrorOptions>();

function report(kind: UncaughtKind, error: unknown): void {
  const [first] = users;
  const log = first?.log ?? console.error;
  log(uncaughtPrefix(kind), error);
  if ([...users].some((user) => user.crashOnError)) process.exit(1);
}

function onRejection(reason: unknown): void {
  report('unhandledRejection', reason);
}

function onException(error: unknown): void {
  report('uncaughtException', error);
}

/**
 * Logs unhandled rejections and uncaught exceptions while the returned function is not called
 * (servers share one pair of listeners), and exits with code 1 after logging when asked to.
 * @param options crash or serve on, and where the line goes
 */
export function handleProcessErrors(options: ProcessErrorOptions): () => void {
  if (users.size === 0) {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
  }
  users.add(options);
  return () => {
    users.delete(options);
    if (users.size === 0) {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    }
  };
}
