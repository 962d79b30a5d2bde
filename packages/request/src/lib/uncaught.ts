// The log line for an error nobody caught (a rejected promise nobody awaits, a timer callback
// that throws), in Next.js's words (`⨯ unhandledRejection:`, `⨯ uncaughtException:`), naming
// the route handler whose code made the promise or the timer when the request scope followed it.
import { activeScope } from './scope.js';

/** Which process-level event it was. */
export type UncaughtKind = 'unhandledRejection' | 'uncaughtException';

/**
 * The text logged before the error itself, e.g.
 * ` ⨯ unhandledRejection: route handler 'app/x/route.ts' (method: GET, url: /x):`.
 * @param kind the event
 */
export function uncaughtPrefix(kind: UncaughtKind): string {
  const route = activeScope()?.route;
  if (route === undefined) return ` ⨯ ${kind}:`;
  return ` ⨯ ${kind}: route handler '${route.file}' (method: ${route.method}, url: ${route.target}):`;
}
