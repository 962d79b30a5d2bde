// The router's public contract as docs/architecture.md writes it down. The adapter depends on
// these shapes only; `createRouter` itself comes from @approute/router.
import * as routerPackage from '@approute/router';

/** The HTTP methods a route module may export. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** One route of a manifest: its folder path, URL pattern, file and parameters. */
export interface ManifestRoute {
  id: string;
  pathname: string;
  file: string;
  params: { name: string; kind: 'single' | 'catchall' | 'optional-catchall' }[];
  methods?: HttpMethod[];
}

/** Every route of an app, as a build or a scan of `app/` produces it. */
export interface RouteManifest {
  version: 1;
  routes: ManifestRoute[];
}

/** What a route module exports: handlers by method, and segment config. */
export type RouteModule = Record<string, unknown>;

/** Options the router takes beside the manifest. */
export interface RouterOptions {
  /** Loads a route's module; called on the first request that matches it. */
  load: (route: ManifestRoute) => Promise<RouteModule>;
  basePath?: string;
  trailingSlash?: boolean;
  /** Shows messages and stacks in 500 bodies. */
  dev?: boolean;
  logger?: { error(message: string, error?: unknown): void; warn(message: string): void };
}

/** Per-request hooks an adapter hands to the router. */
export interface HandleOptions {
  /** Registers a callback the adapter calls once the response was sent or aborted. */
  onClose?: (callback: () => void) => void;
  /** Keeps the runtime alive until the promise settles (Workers' `ctx.waitUntil`). */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/** A router: answers a request with the route handler it matches. */
export interface Router {
  handle(request: Request, options?: HandleOptions): Promise<Response>;
}

type SkeletonRouter = (routes: { pathname: string; load: () => Promise<RouteModule> }[]) => (request: Request) => Promise<Response>;
type ManifestRouter = (manifest: RouteManifest, options: RouterOptions) => Router;

/**
 * Builds the router for a manifest through @approute/router.
 * @param manifest the app's routes
 * @param options how to load modules, and the router's settings
 */
export function createManifestRouter(manifest: RouteManifest, options: RouterOptions): Router {
  const create = routerPackage.createRouter as unknown as ManifestRouter & SkeletonRouter;
  let created: unknown;
  try {
    created = create(manifest, options);
  } catch {
    // The walking-skeleton router takes a flat list of static routes and returns a function.
  }
  if (isRouter(created)) return created;
  const handle = create(manifest.routes.map((route) => ({ pathname: route.pathname, load: () => options.load(route) })));
  return { handle: (request) => handle(request) };
}

/**
 * Tells a router object apart from a manifest.
 * @param value a manifest or a router
 */
export function isRouter(value: unknown): value is Router {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Router>).handle === 'function';
}
