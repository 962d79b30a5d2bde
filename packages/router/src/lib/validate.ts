import { InvalidRouteExportError } from './errors.js';
import type { ManifestRoute, RouteModule } from './manifest-types.js';
import { HTTP_METHODS, type HttpMethod } from './methods.js';
import type { RouterLogger } from './router-types.js';
import { readSegmentConfig, type SegmentConfig } from './static/segment-config.js';

/**
 * Checks a loaded route module as a build or server start would: a method export that is not
 * a function and an invalid segment config value throw; lower-case method exports, a
 * default export and a module with no method export are warned about. Returns the methods the
 * module handles and its segment config, so that both are read once per module.
 * @param route the manifest route the module belongs to
 * @param mod the module namespace
 * @param logger where warnings go
 * @throws InvalidRouteExportError, InvalidSegmentConfigError (from the segment config reader)
 */
export function checkRouteModule(
  route: ManifestRoute,
  mod: RouteModule,
  logger: Pick<RouterLogger, 'warn'>,
): { methods: HttpMethod[]; config: SegmentConfig } {
  const methods: HttpMethod[] = [];
  for (const method of HTTP_METHODS) {
    if (!(method in mod)) continue;
    const handler = mod[method];
    if (typeof handler !== 'function')
      throw new InvalidRouteExportError(
        method,
        handler === null ? 'null' : typeof handler,
        route.file,
      );
    methods.push(method);
  }
  const file = route.file;
  const config = readSegmentConfig(mod, route.id, file);
  if ('default' in mod) {
    logger.warn(
      `Detected default export in '${file}'. Export a named export for each HTTP method instead.`,
    );
  }
  // Next.js's second line for such a module: every request but OPTIONS gets 405.
  if (methods.length === 0) {
    logger.warn(
      `No HTTP methods exported in '${file}'. Export a named export for each HTTP method.`,
    );
  }
  for (const method of HTTP_METHODS) {
    const lower = method.toLowerCase();
    if (lower in mod) {
      logger.warn(
        `Detected lowercase method '${lower}' in '${file}'. Export the uppercase '${method}' method name to fix this error.`,
      );
    }
  }
  return { methods, config };
}
