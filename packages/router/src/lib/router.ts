/** The HTTP methods a route module may export. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** One of the seven HTTP methods a route module may export. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A route handler as Next.js defines it. */
export type RouteHandler = (request: Request, context: { params: unknown }) => unknown;

/** What a `route.ts` module exports. */
export type RouteModule = Partial<Record<HttpMethod, RouteHandler>>;

/** A route the router knows: its URL path and how to load its module. */
export interface RouteEntry {
  pathname: string;
  load: () => Promise<RouteModule>;
}

/** Answers a request from the routes given. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Builds a fetch handler over static routes (the walking skeleton; matching grows later).
 * @param routes the routes, each with a lazy module loader
 */
export function createRouter(routes: readonly RouteEntry[]): FetchHandler {
  const byPath = new Map(routes.map((route) => [route.pathname, route]));
  return async (request) => {
    const route = byPath.get(new URL(request.url).pathname);
    if (!route) return new Response(null, { status: 404 });
    const mod = await route.load();
    const handler = mod[request.method as HttpMethod];
    if (!handler) return new Response(null, { status: 405 });
    const result = await handler(request, { params: undefined });
    return result instanceof Response ? result : new Response(null, { status: 500 });
  };
}
