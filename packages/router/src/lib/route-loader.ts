// A route module becomes what requests need once, on its route's first request: validated,
// its complete method table built, its GET wrapped for the static cache when it is static.
import { pagePathOf } from '@approute/request/internal';
import type { Endpoint, RouteCacheInfo, RouterSettings } from './call.js';
import { handlerEndpoint } from './invoke.js';
import type { ManifestRoute, RouteHandler, RouteModule } from './manifest-types.js';
import { methodTable, type HttpMethod, type MethodTable } from './methods.js';
import { staticGetEndpoint } from './static/static-get.js';
import { readStaticInfo, type StaticGetInfo } from './static/static-route.js';
import { checkRouteModule } from './validate.js';
import { CacheComponentsConfigError } from './errors.js';

/** A route module after loading and validation. */
export interface LoadedRoute {
  /** Every method's endpoint. */
  table: MethodTable;
  /** Set when the route's GET is produced once and cached (segment config). */
  staticGet: { info: StaticGetInfo; handler: RouteHandler } | undefined;
}

/**
 * Validates a route module and builds what its requests need.
 * @param route the manifest route
 * @param mod the loaded module
 * @param settings the router's settings
 */
export async function prepareRoute(
  route: ManifestRoute,
  mod: RouteModule,
  settings: RouterSettings,
): Promise<LoadedRoute> {
  const { methods, config } = checkRouteModule(route, mod, settings.logger);
  if (settings.cacheComponents) rejectSegmentConfig(route, mod);
  const cache: RouteCacheInfo = {
    page: pagePathOf(route.file),
    fetchCache: mod.fetchCache === undefined ? undefined : config.fetchCache,
    forceDynamic: config.dynamic === 'force-dynamic',
  };
  const info = await readStaticInfo(route, methods, config, cache, settings.cacheComponents);
  const exported: Partial<Record<HttpMethod, Endpoint>> = {};
  let staticGet: LoadedRoute['staticGet'];
  for (const method of methods) {
    const handler = mod[method] as RouteHandler;
    const plain = handlerEndpoint(handler, settings, cache);
    // With Cache Components a GET is static only when the build prerendered it.
    const isStatic =
      info !== undefined && (!settings.cacheComponents || settings.prerenderedRoutes.has(route.id));
    if (method === 'GET' && info) staticGet = { info, handler };
    exported[method] =
      method === 'GET' && info && isStatic
        ? staticGetEndpoint(handler, info, settings, plain)
        : plain;
  }
  return { table: methodTable(exported), staticGet };
}

// Cache Components replace segment config, as in Next.js, where these exports fail the build.
function rejectSegmentConfig(route: ManifestRoute, mod: RouteModule): void {
  for (const name of ['dynamic', 'revalidate', 'fetchCache', 'dynamicParams'])
    if (mod[name] !== undefined) throw new CacheComponentsConfigError(route.file, name);
}

/**
 * Loads each route's module once, on its first request; later requests get the prepared route
 * without a promise hop. A module that failed to load is tried again on the next request.
 * @param load the router's module loader
 * @param settings the router's settings
 */
export function routeLoader(
  load: (route: ManifestRoute) => Promise<RouteModule>,
  settings: RouterSettings,
): (route: ManifestRoute) => LoadedRoute | Promise<LoadedRoute> {
  const loading = new Map<ManifestRoute, Promise<LoadedRoute>>();
  const loaded = new Map<ManifestRoute, LoadedRoute>();
  return (route) => {
    const ready = loaded.get(route);
    if (ready) return ready;
    let pending = loading.get(route);
    if (!pending) {
      pending = load(route).then(async (mod) => {
        const prepared = await prepareRoute(route, mod, settings);
        loaded.set(route, prepared);
        return prepared;
      });
      const settled = () => loading.delete(route);
      pending.then(settled, settled);
      loading.set(route, pending);
    }
    return pending;
  };
}
