/** A fetch-style handler: a WHATWG `Request` in, a `Response` out. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** The object form a Worker, Bun or Deno module exports as its default. */
export interface FetchExport {
  fetch: (request: Request, env?: unknown, ctx?: unknown) => Promise<Response>;
}

/**
 * Wraps a handler in the `{ fetch }` shape fetch runtimes expect from a module's default export.
 * @param handler answers each request
 */
export function createFetchHandler(handler: FetchHandler): FetchExport {
  return { fetch: (request) => handler(request) };
}
