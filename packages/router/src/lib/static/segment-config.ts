// Route segment config: the `dynamic`, `revalidate`, `dynamicParams`, `runtime`,
// `preferredRegion`, `maxDuration` and `fetchCache` exports of a route module, validated once
// when the module is loaded. Values follow the route segment config reference of Next.js.
import { RouteStartupError } from '../errors.js';
import type { HttpMethod } from '../methods.js';

const DYNAMIC = ['auto', 'force-dynamic', 'error', 'force-static'] as const;
const RUNTIME = ['nodejs', 'edge', 'experimental-edge'] as const;
const FETCH_CACHE = [
  'auto',
  'default-cache',
  'only-cache',
  'force-cache',
  'force-no-store',
  'default-no-store',
  'only-no-store',
] as const;

/** The `dynamic` segment option. */
export type DynamicOption = (typeof DYNAMIC)[number];

/** A route's segment config, with Next.js's defaults filled in. */
export interface SegmentConfig {
  dynamic: DynamicOption;
  /** `false` caches forever, `0` never, `N` regenerates after N seconds. */
  revalidate: number | false;
  dynamicParams: boolean;
  runtime: (typeof RUNTIME)[number];
  preferredRegion: string | string[] | undefined;
  maxDuration: number | undefined;
  fetchCache: (typeof FETCH_CACHE)[number];
  /** Whether the module exported `revalidate` itself (an export of `false` or N > 0 makes GET static). */
  revalidateExported: boolean;
  generateStaticParams: (() => unknown) | undefined;
}

const READ_MORE =
  'Read more at https://nextjs.org/docs/app/api-reference/file-conventions/route-segment-config';

/** A segment config export with a value outside its accepted set; a startup error. */
export class InvalidSegmentConfigError extends RouteStartupError {
  override readonly name = 'InvalidSegmentConfigError';
  /**
   * @param route the route's path, e.g. `/stats`
   * @param file the route file
   * @param problems one line per invalid export, naming it and the accepted values
   */
  constructor(
    readonly route: string,
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      'ERR_INVALID_SEGMENT_CONFIG',
      `Invalid segment configuration options detected for "${route}". ${READ_MORE}\n` +
        problems.map((p) => `  - ${p} (in ${file})`).join('\n'),
      [file],
      `Change each export above in ${file} to one of its accepted values, or remove it.`,
    );
  }
}

const quoteAll = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');
function show(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  if (Array.isArray(value) || typeof value === 'object') return JSON.stringify(value);
  return typeof value;
}

function pick<T extends string>(
  mod: Record<string, unknown>,
  name: string,
  accepted: readonly T[],
  fallback: T,
  problems: string[],
): T {
  const value = mod[name];
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (accepted as readonly string[]).includes(value))
    return value as T;
  problems.push(`export "${name}" is ${show(value)}; accepted values: ${quoteAll(accepted)}`);
  return fallback;
}

/**
 * Reads and validates the segment config exports of a route module.
 * @param mod the route module's namespace
 * @param route the route's path, for the error
 * @param file the route file, for the error
 */
export function readSegmentConfig(
  mod: Record<string, unknown>,
  route: string,
  file: string,
): SegmentConfig {
  const problems: string[] = [];
  const dynamic = pick(mod, 'dynamic', DYNAMIC, 'auto', problems);
  const runtime = pick(mod, 'runtime', RUNTIME, 'nodejs', problems);
  const fetchCache = pick(mod, 'fetchCache', FETCH_CACHE, 'auto', problems);

  let revalidate: number | false = false;
  const rawRevalidate = mod.revalidate;
  if (rawRevalidate !== undefined) {
    if (
      rawRevalidate === false ||
      (typeof rawRevalidate === 'number' && rawRevalidate >= 0 && !Number.isNaN(rawRevalidate))
    ) {
      revalidate = rawRevalidate;
    } else {
      problems.push(
        `export "revalidate" is ${show(rawRevalidate)}; accepted values: false, 0, or a number of seconds > 0`,
      );
    }
  }

  const rawDynamicParams = mod.dynamicParams;
  if (rawDynamicParams !== undefined && typeof rawDynamicParams !== 'boolean') {
    problems.push(
      `export "dynamicParams" is ${show(rawDynamicParams)}; accepted values: true, false`,
    );
  }

  const rawRegion = mod.preferredRegion;
  const regionOk =
    rawRegion === undefined ||
    typeof rawRegion === 'string' ||
    (Array.isArray(rawRegion) && rawRegion.every((r) => typeof r === 'string'));
  if (!regionOk) {
    problems.push(
      `export "preferredRegion" is ${show(rawRegion)}; accepted values: "auto", "global", "home", a region name or an array of names`,
    );
  }

  const rawMax = mod.maxDuration;
  if (rawMax !== undefined && (typeof rawMax !== 'number' || !(rawMax >= 0))) {
    problems.push(
      `export "maxDuration" is ${show(rawMax)}; accepted values: a number of seconds >= 0`,
    );
  }

  const rawParams = mod.generateStaticParams;
  if (rawParams !== undefined && typeof rawParams !== 'function') {
    problems.push(
      `export "generateStaticParams" is ${show(rawParams)}; accepted values: a function returning a list of params`,
    );
  }

  if (problems.length > 0) throw new InvalidSegmentConfigError(route, file, problems);
  return {
    dynamic,
    revalidate,
    revalidateExported: rawRevalidate !== undefined,
    dynamicParams: rawDynamicParams !== false,
    runtime,
    preferredRegion: rawRegion as string | string[] | undefined,
    maxDuration: rawMax as number | undefined,
    fetchCache,
    generateStaticParams: rawParams as (() => unknown) | undefined,
  };
}

const METHODS_THAT_KEEP_STATIC = new Set(['GET', 'HEAD']);

/** Whether a route path is a metadata file route that Next.js serves statically by default. */
function isMetadataRoute(routeId: string): boolean {
  return (
    routeId === '/robots.txt' || routeId === '/manifest.json' || routeId.endsWith('/sitemap.xml')
  );
}

/**
 * Whether a route's GET is produced once and cached, as Next.js decides it: only when the
 * module opts in (`dynamic = 'force-static' | 'error'`, `revalidate = false | N > 0` on a route
 * without dynamic segments, `generateStaticParams`) or is a metadata route (`sitemap.xml`, root `robots.txt`, root
 * `manifest.json`), and exports no method other than GET and HEAD.
 * @param config the route's segment config
 * @param methods the methods the module exports
 * @param routeId the route's path as written, e.g. `/sitemap.xml`
 */
export function isStaticGet(
  config: SegmentConfig,
  methods: readonly HttpMethod[],
  routeId: string,
): boolean {
  if (!methods.includes('GET')) return false;
  if (methods.some((method) => !METHODS_THAT_KEEP_STATIC.has(method))) return false;
  if (config.dynamic === 'force-dynamic' || config.revalidate === 0) return false;
  // `revalidate` alone makes a route with dynamic segments static only for the params
  // `generateStaticParams` lists (and those found on demand): without it Next.js 16 serves the
  // route per request (observed: `next build` lists it as ƒ).
  const revalidates =
    config.revalidateExported &&
    (config.revalidate === false || config.revalidate > 0) &&
    (!routeId.includes('[') || config.generateStaticParams !== undefined);
  return (
    config.dynamic === 'force-static' ||
    config.dynamic === 'error' ||
    revalidates ||
    config.generateStaticParams !== undefined ||
    isMetadataRoute(routeId)
  );
}
