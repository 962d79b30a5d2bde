// A private door beside `router.fetch`: the same answer through callbacks instead of a returned
// Promise. The Node adapter writes the answer itself, so it needs no promise; while
// AsyncLocalStorage is in use (Node 20 and 22 track every promise) each one saved is measurable
// (packages/node/README.md#performance). `@approute/node` and `@approute/web` look for it; it is
// not public API.
import type { AppContext } from './contract.js';

/** Where an app handler keeps its callback form, when it has one. */
export const RESPOND: unique symbol = Symbol.for('approute.respond');

/**
 * The callback form of an app handler: `respond` is called exactly once with the answer (at once
 * when nothing had to be awaited), or `fail` with an error no answer could be made for.
 * Neither callback may throw.
 */
export type Responder = (
  request: Request,
  context: AppContext | undefined,
  respond: (response: Response) => void,
  fail: (error: unknown) => void,
) => void;

/**
 * The callback form of a handler, if it carries one.
 * @param handler an app handler
 */
export function responderOf(handler: unknown): Responder | undefined {
  const responder = (handler as { [RESPOND]?: unknown } | null)?.[RESPOND];
  return typeof responder === 'function' ? (responder as Responder) : undefined;
}
