// The one seam between the packages: an app is a fetch handler. The router is one
// (`router.fetch`), adapters turn a runtime's requests into calls of one, and tests call one
// directly. Everything an adapter knows about the connection travels in the context.
import { RequestApiError } from './errors.js';

/** What an adapter knows about the connection a request arrived on. */
export interface AppContext {
  /**
   * Keeps the runtime alive until `promise` settles (Workers' `ctx.waitUntil`); `after()`
   * work and background regeneration are handed to it.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
  /** Registers a callback the adapter calls once the response was sent or aborted. */
  onClose?: (callback: () => void) => void;
  /**
   * The request target exactly as received (`/a\\b?x`), when the adapter has it: `Request#url`
   * has already turned backslashes into slashes, which Next.js answers with a 308. An adapter
   * that has only the runtime's URL may give its path and query: the router reads them as it
   * would from `Request#url`, without going through the URL again.
   */
  target?: string;
}

/** An app: a `Request` in, a `Response` out, as `fetch` handlers everywhere take it. */
export type AppHandler = (request: Request, context?: AppContext) => Response | Promise<Response>;

/** The reason `request.signal` aborts with when the client went away (Next.js's name). */
export class ResponseAborted extends RequestApiError {
  override readonly name = 'ResponseAborted';
  constructor() {
    // Next.js aborts with `new ResponseAborted()`: no message.
    super('ERR_RESPONSE_ABORTED', '');
  }
}
