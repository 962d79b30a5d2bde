// What the router keeps about a static GET route once its module is loaded: how long an
// answer stays fresh, whether the handler may read the request, and which params
// `generateStaticParams` listed (with `dynamicParams = false`, only those are served).
import type { RouteCacheInfo } from '../call.js';
import { RouteStartupError } from '../errors.js';
import type { ManifestRoute } from '../manifest-types.js';
import type { Params } from '../params.js';
import type { HttpMethod } from '../methods.js';
import { isStaticGet, type DynamicOption, type SegmentConfig } from './segment-config.js';

/** A loaded route's static GET settings. */
export interface StaticGetInfo {
  revalidate: number | false;
  dynamic: DynamicOption;
  dynamicParams: boolean;
  /** Keys (see {@link paramsKey}) of the params `generateStaticParams` listed. */
  listed: Set<string> | undefined;
  /** The listed params, for producing their answers at build. */
  listedParams: Params[];
  /** What the cache needs to know about the route. */
  cache: RouteCacheInfo;
}

/** `generateStaticParams` answered something other than a list of params objects. */
export class InvalidStaticParamsError extends RouteStartupError {
  override readonly name = 'InvalidStaticParamsError';
  /**
   * @param file the route file
   * @param detail what was wrong
   */
  constructor(file: string, detail: string) {
    super(
      'ERR_INVALID_STATIC_PARAMS',
      `generateStaticParams() in ${file} must return an array of params objects, like [{ slug: 'a' }]: ${detail}`,
      [file],
      `Return an array of objects from generateStaticParams() in ${file}, one per path to produce.`,
    );
  }
}

/**
 * A stable key for a params object: the same params give the same key whatever the key order.
 * @param params the params of a match (or listed by `generateStaticParams`)
 */
export function paramsKey(params: Params | undefined): string {
  if (!params) return '';
  return JSON.stringify(
    Object.keys(params)
      .sort()
      .map((name) => [name, params[name]]),
  );
}

/**
 * Reads a route module's static GET settings; `undefined` when its GET is dynamic. With Cache
 * Components every GET-only route is a candidate: the build prerenders it, and keeps it static
 * only when it read no request data and no short-lived cached data.
 * @param route the manifest route
 * @param methods the methods the module exports
 * @param config its segment config, as validation read it
 * @param cache what the cache needs to know about the route
 * @param cacheComponents whether the app uses Cache Components
 */
export async function readStaticInfo(
  route: ManifestRoute,
  methods: readonly HttpMethod[],
  config: SegmentConfig,
  cache: RouteCacheInfo,
  cacheComponents = false,
): Promise<StaticGetInfo | undefined> {
  const file = route.file;
  const candidate = cacheComponents
    ? methods.includes('GET') && methods.every((m) => m === 'GET' || m === 'HEAD')
    : isStaticGet(config, methods, route.id);
  if (!candidate) return undefined;
  let listed: Set<string> | undefined;
  const listedParams: Params[] = [];
  if (config.generateStaticParams) {
    const value: unknown = await config.generateStaticParams();
    if (!Array.isArray(value)) throw new InvalidStaticParamsError(file, `received ${typeof value}`);
    listed = new Set();
    for (const item of value) {
      if (typeof item !== 'object' || item === null)
        throw new InvalidStaticParamsError(file, `an item is ${String(item)}`);
      const params = item as Params;
      listedParams.push(params);
      listed.add(paramsKey(params));
    }
  }
  return {
    revalidate: config.revalidate,
    dynamic: config.dynamic,
    dynamicParams: config.dynamicParams,
    listed,
    listedParams,
    cache,
  };
}
