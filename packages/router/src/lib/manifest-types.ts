import type { HttpMethod } from './methods.js';

/** How a dynamic segment captures: `[x]`, `[...x]` or `[[...x]]`. */
export type ParamKind = 'single' | 'catchall' | 'optional-catchall';

/**
 * One URL segment of a route, read from its route id: a literal (percent-encoded as a request
 * path carries it, so `café` is `caf%C3%A9`) or a dynamic segment with its param name.
 */
export type RouteSegment = { kind: 'static'; value: string } | { kind: ParamKind; name: string };

/** One route of the manifest: a `route.*` file and the URLs it answers. */
export interface ManifestRoute {
  /** The folder path as written, groups and slots removed: `/shop/[tag]/[item]`. */
  id: string;
  /** The route's URL segments, derived once from `id`: what matching and prerendering read. */
  segments: RouteSegment[];
  /** The route file, a posix path relative to the project: `app/shop/[tag]/[item]/route.ts`. */
  file: string;
  /** The exported methods, when known (after loading, or from a build). */
  methods?: HttpMethod[];
}

/** Every route of an app, serializable as JSON. */
export interface RouteManifest {
  version: 2;
  routes: ManifestRoute[];
}

/** The second argument of a route handler. */
export interface RouteHandlerContext {
  /** A Promise of the decoded params for a dynamic route; `undefined` for a static one. */
  params: Promise<Record<string, string | string[]>> | undefined;
}

/** A route handler as Next.js defines it. */
export type RouteHandler = (request: Request, context: RouteHandlerContext) => unknown;

/**
 * What a `route.*` module exports: method handlers (see {@link RouteHandler}), segment config,
 * and anything else. Loose on purpose, so that `import('./route.ts')` is one whatever its types.
 */
export type RouteModule = Readonly<Record<string, unknown>>;
