import { allCases } from '../src/lib/all-cases.js';
import { withBasePath, type BasePathAdjustment } from '../src/lib/base-path.js';
import type { ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import { observed, spec } from './sources.js';

// Next.js runs its route-handler suite (test/e2e/app-dir/app-routes) a second time with
// `basePath: '/docs'` in next.config (app-custom-route-base-path.test.ts). This is that rerun
// for our cases: the cases that apps/next-compat/NEXT-E2E.md maps the suite's assertions to,
// transformed by withBasePath() and run against the main fixture app served with the same
// basePath (fixturesCopy()).

/** The base path of the rerun, as the Next.js suite sets it. */
export const APP_ROUTES_BASE_PATH = '/docs';

/** The cases NEXT-E2E.md maps the app-routes suite's assertions to, by its row numbers. */
export const appRoutesSuiteCaseIds: readonly string[] = [
  // 1
  'files/dotted-folder',
  'caching/revalidate-seconds',
  // 2
  'caching/dynamic-by-default',
  // 3
  'caching/generate-static-params-listed',
  'caching/generate-static-params-second',
  'caching/generate-static-params-unlisted',
  'caching/params-listed-values',
  // 4
  'caching/params-revalidate-regenerates',
  // 5
  'methods/dispatch-get',
  'methods/dispatch-post',
  'methods/dispatch-put',
  'methods/dispatch-patch',
  'methods/dispatch-delete',
  'methods/dispatch-dynamic-route',
  // 6
  'server/global-websocket',
  // 7
  'streaming/abort-before-answer',
  'streaming/client-abort',
  // 8
  'files/group',
  'files/nested-groups',
  // 9
  'request/next-url-path-and-query',
  // 9, 35
  'caching/segment-config-accepted',
  // 10
  'errors/rewrite',
  // 11
  'next-response/redirect-default',
  // 12
  'next-response/json',
  // 13
  'request/body-stream-echo',
  'request/body-stream-large',
  // 14
  'request/body-json',
  // 15
  'request/body-delete-json',
  // 16
  'methods/options-custom-reads-body',
  // 17
  'request/body-json-chunked',
  // 18
  'request/body-text',
  // 19
  'params/table-dashboard',
  // 20
  'params/catch-all-under-dynamic',
  // 21
  'params/static-route-undefined',
  // 22, 36
  'headers/read',
  // 23
  'cookies/store-get',
  // 24
  'request/cookies-parse',
  // 25
  'cookies/store-has-after-set',
  // 26
  'navigation/redirect-absolute',
  // 27
  'navigation/permanent-redirect',
  // 28
  'navigation/not-found',
  // 29
  'methods/400-unparsable-method',
  // 30
  'methods/405-post-methods-get',
  // 31
  'errors/throw',
  // 32
  'errors/next',
  // 33
  'methods/head-from-get',
  // 34
  'methods/options-post-only',
  // 37
  'caching/force-static-substituted-request',
  // 38
  'caching/metadata-robots',
  // 40
  'errors/non-response-undefined',
  'errors/non-response-number',
  'errors/non-response-function',
  // 45
  'cookies/merge-response-untouched',
  'cookies/serialise-three',
  // 47, 49
  'request/no-injected-forwarded-headers',
  // 50
  'request/headers-pass-through',
  'request/forwarded-proto-untrusted',
];

/**
 * Cases NEXT-E2E.md names for the suite that this rerun leaves out, each with the reason: the
 * next.config cases, which run against their own fixture project, already under
 * `basePath: '/docs'`.
 */
export const appRoutesNotRerun: Readonly<Record<string, string>> = {
  'config/env-and-globals':
    'runs against fixtures-config, whose next.config already sets basePath: /docs; row 6 is ' +
    'rerun here by server/global-websocket',
  'config/trailing-slash-api': 'runs against fixtures-config, already under basePath: /docs',
  'config/trailing-slash-redirect': 'runs against fixtures-config, already under basePath: /docs',
  'config/trailing-slash-edge': 'runs against fixtures-config, already under basePath: /docs',
  'config/headers-set-cookie': 'runs against fixtures-config, already under basePath: /docs',
  'config/headers-set-cookie-first': 'runs against fixtures-config, already under basePath: /docs',
};

// docs/spec.md, URLs: the one way a route handler sees where the app is mounted.
const BASE_PATH_DIVERGENCE =
  'with a base path, request.url keeps it and nextUrl.basePath names it; Next.js strips it ' +
  "from the handler's request and reports basePath as '' (vercel/next.js#62756)";
const basePathRule = spec(
  'URLs',
  'with `basePath`, `request.nextUrl.basePath` is the base path, `nextUrl.pathname` leaves ' +
    'the prefix out and `request.url` keeps it',
);

/** The cases whose answer under the base path is not the one they expect at the root. */
export const appRoutesBasePathAdjustments: Readonly<Record<string, BasePathAdjustment>> = {
  'caching/force-static-substituted-request': {
    reason:
      'the substituted request of a static GET is http://localhost:3000 + the request path, ' +
      'which keeps the base path where request.url keeps it: the base-path divergence',
    adjust(c, basePath) {
      if (!c.expect) throw new Error(`${c.id}: expected a declarative case`);
      return {
        ...c,
        divergence: BASE_PATH_DIVERGENCE,
        sources: [
          ...c.sources,
          basePathRule,
          observed(
            `GET ${basePath}/cache/force-static → "url":"http://localhost:3000/cache/force-static"`,
          ),
        ],
        expect: {
          ...c.expect,
          jsonIncludes: {
            ...c.expect.jsonIncludes,
            url: `http://localhost:3000${basePath}/cache/force-static`,
          },
        },
        nextjs: c.expect,
      };
    },
  },
};

// The base-path divergence itself, which the cases at the root cannot show.
const basePathOnly: ConformanceCase[] = [
  {
    id: 'urls/base-path-request-url',
    title:
      'under a base path, request.url keeps it, nextUrl.basePath names it and ' +
      'nextUrl.pathname leaves it out',
    rule: 'URLs',
    kind: 'happy',
    sources: [
      basePathRule,
      observed(
        `GET ${APP_ROUTES_BASE_PATH}/request/url?a=1 → "url":"http://localhost:<port>/request/` +
          'url?a=1","pathname":"/request/url","basePath":""',
      ),
    ],
    divergence: BASE_PATH_DIVERGENCE,
    request: { path: `${APP_ROUTES_BASE_PATH}/request/url?a=1` },
    expect: {
      status: 200,
      jsonIncludes: { pathname: '/request/url', search: '?a=1', basePath: APP_ROUTES_BASE_PATH },
    },
    check(response) {
      const { url, href } = response.json() as { url: string; href: string };
      const tail = `${APP_ROUTES_BASE_PATH}/request/url?a=1`;
      ensure(url.endsWith(tail), `request.url: expected to end with ${tail}, got ${url}`);
      ensure(href === url, `nextUrl.href: expected ${url}, got ${href}`);
    },
    nextjs: { status: 200, jsonIncludes: { pathname: '/request/url', basePath: '' } },
  },
];

function pick(ids: readonly string[]): ConformanceCase[] {
  const byId = new Map(allCases.map((c) => [c.id, c]));
  return ids.map((id) => {
    const c = byId.get(id);
    if (!c) throw new Error(`app-routes rerun: no case ${id}`);
    return c;
  });
}

/**
 * The app-routes suite's cases again, for the fixture app served under `basePath: '/docs'`,
 * and the case of the base-path divergence.
 */
export const appRoutesBasePathCases: readonly ConformanceCase[] = [
  ...withBasePath(pick(appRoutesSuiteCaseIds), APP_ROUTES_BASE_PATH, appRoutesBasePathAdjustments),
  ...basePathOnly,
];
