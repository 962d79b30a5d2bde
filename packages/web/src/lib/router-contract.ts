// The seam between this adapter and @approute/router: the adapter needs only `handle`.
import {
  createRouter,
  type Router,
  type RouteManifest,
  type RouterOptions,
} from '@approute/router';

export type {
  HandleOptions,
  ManifestRoute,
  Router,
  RouteManifest,
  RouteModule,
  RouterOptions,
} from '@approute/router';

/**
 * Tells a router object apart from a manifest.
 * @param value a manifest or a router
 */
export function isRouter(value: unknown): value is Pick<Router, 'handle'> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Router>).handle === 'function'
  );
}

/**
 * Builds the router for a manifest: the same `createRouter` the Node adapter uses.
 * @param manifest the app's routes
 * @param options how to load modules, and the router's settings
 */
export function createManifestRouter(manifest: RouteManifest, options: RouterOptions): Router {
  return createRouter(manifest, options);
}
