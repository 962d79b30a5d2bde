import type { CaseResponse, CaseSource, ConformanceCase, Expectation } from '../src/lib/case.js';
import { ExpectationError } from '../src/lib/expect.js';
import { JSON_TYPE } from './helpers.js';
import { observed } from './sources.js';

// The cases of what next.config changes in front of route handlers: `basePath`,
// `trailingSlash: true`, `env`, `headers()`, `redirects()`, and `instrumentation.ts`. They run
// against their own fixture project, fixtures-config (`configFixtureGroups`), whose config sets
// all of those. Every expectation was seen on real Next.js 16.4.6. Next.js plumbing is not
// asserted: 404 page bodies, and the body and `Refresh` header of the 308 to the canonical path.

const RULE = 'next.config';
const CONFIG = 'https://nextjs.org/docs/app/api-reference/config/next-config-js';
const E2E = 'https://github.com/vercel/next.js/blob/canary/test/e2e/app-dir';

const docs = {
  basePath: {
    kind: 'docs',
    url: `${CONFIG}/basePath`,
    ref:
      'basePath: "To deploy a Next.js application under a sub-path of a domain you can use the ' +
      'basePath config option." "basePath: \'/docs\'" "Links to other pages … using the basePath"',
  },
  trailingSlash: {
    kind: 'docs',
    url: `${CONFIG}/trailingSlash`,
    ref:
      'trailingSlash: "By default Next.js will redirect URLs with trailing slashes to their ' +
      'counterpart without a trailing slash." "trailingSlash: true … /about redirects to /about/"',
  },
  env: {
    kind: 'docs',
    url: `${CONFIG}/env`,
    ref:
      'env: "To add environment variables to the JavaScript bundle, open next.config.js and add ' +
      'the env config" "Next.js will replace process.env.customKey with \'my-value\' at build ' +
      'time."',
  },
  headers: {
    kind: 'docs',
    url: `${CONFIG}/headers`,
    ref:
      'headers: "Headers allow you to set custom HTTP headers on the response to an incoming ' +
      'request on a given path." "headers is an async function that expects an array to be ' +
      'returned holding objects with source and headers properties"',
  },
  headerOverride: {
    kind: 'docs',
    url: `${CONFIG}/headers#header-overriding-behavior`,
    ref:
      'headers, Header Overriding Behavior: "If two headers match the same path and set the same ' +
      'header key, the last header key will override the first."',
  },
  headerParams: {
    kind: 'docs',
    url: `${CONFIG}/headers#path-matching`,
    ref:
      'headers, Path Matching: "Path matches are allowed, for example /blog/:slug will match ' +
      '/blog/first-post" and the matched params can be used in header keys and values',
  },
  hasMissing: {
    kind: 'docs',
    url: `${CONFIG}/headers#header-cookie-and-query-matching`,
    ref:
      'headers, Header, Cookie, and Query Matching: "To only apply a header when header, cookie, ' +
      'or query values also match the has field or don\'t match the missing field can be used."',
  },
  redirects: {
    kind: 'docs',
    url: `${CONFIG}/redirects`,
    ref:
      'redirects: "permanent true or false - if true will use the 308 status code which ' +
      'instructs clients/search engines to cache the redirect forever, if false will use the ' +
      '307 status code which is temporary and is not cached."',
  },
  redirectQuery: {
    kind: 'docs',
    url: `${CONFIG}/redirects`,
    ref:
      'redirects: "When a redirect is applied, any query values provided in the request will be ' +
      'passed through to the redirect destination."',
  },
  redirectBasePath: {
    kind: 'docs',
    url: `${CONFIG}/redirects#redirects-with-basepath-support`,
    ref:
      'redirects, Redirects with basePath support: "When leveraging basePath support with ' +
      'redirects each source and destination is automatically prefixed with the basePath unless ' +
      'you add basePath: false to the redirect"',
  },
  statusCode: {
    kind: 'docs',
    url: `${CONFIG}/redirects`,
    ref:
      'redirects: "In some rare cases, you might need to assign a custom status code for older ' +
      'HTTP Clients to properly redirect. In these cases, you can use the statusCode property"',
  },
  onRequestError: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/file-conventions/instrumentation',
    ref:
      'instrumentation.js, onRequestError: "The function takes three parameters: error, request, ' +
      'and context." request: { path: string, method: string, headers }; context: { routerKind: ' +
      "'Pages Router' | 'App Router', routePath: string, routeType: 'render' | 'route' | …, " +
      "revalidateReason: 'on-demand' | 'stale' | undefined }; register: \"called once when a new " +
      'Next.js server instance is initiated"',
  },
  trailingSlashSuite: {
    kind: 'next-test',
    url: `${E2E}/app-routes-trailing-slash/app-routes-trailing-slash.test.ts`,
    ref:
      'app-routes-trailing-slash: with trailingSlash: true, GET /api/ and GET /api/edge/ answer ' +
      'the routes in app/api/route.ts and app/api/edge/route.ts',
  },
  setCookies: {
    kind: 'next-test',
    url: `${E2E}/set-cookies/set-cookies.test.ts`,
    ref:
      'set-cookies: with ?next-config-headers=true, the two Set-Cookie fields of a next.config ' +
      'headers() rule come first, then the two the route sends: four in all',
  },
  basePathSuite: {
    kind: 'next-test',
    url: `${E2E}/app-routes/app-custom-route-base-path.test.ts`,
    ref: 'app-routes with basePath: the app-routes suite again under BASE_PATH=/docs',
  },
  globals: {
    kind: 'next-test',
    url: `${E2E}/app-routes/app-custom-routes.test.ts`,
    ref:
      'app-routes: the shared handler throws unless globalThis.WebSocket exists, so every ' +
      'method test also checks that Next.js defines WebSocket on Node 20',
  },
} satisfies Record<string, CaseSource>;

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ExpectationError(message);
}

interface Simple {
  id: string;
  title: string;
  kind?: 'happy' | 'error';
  sources: readonly CaseSource[];
  seen: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  expect: Expectation;
  check?: (response: CaseResponse) => void;
}

function simple(c: Simple): ConformanceCase {
  const method = c.method ?? 'GET';
  return {
    id: `config/${c.id}`,
    title: c.title,
    rule: RULE,
    kind: c.kind ?? 'happy',
    sources: [...c.sources, observed(`${method} ${c.path} → ${c.seen}`)],
    request: {
      method,
      path: c.path,
      ...(c.headers ? { headers: c.headers } : {}),
      ...(c.body === undefined ? {} : { body: c.body }),
    },
    expect: c.expect,
    ...(c.check ? { check: c.check } : {}),
  };
}

const applied = { 'x-config-header': 'applied' } as const;

const basePathCases: ConformanceCase[] = [
  simple({
    id: 'base-path-route',
    title: 'with basePath and trailingSlash: true, /docs/api/hello/ answers app/api/hello',
    sources: [docs.basePath, docs.basePathSuite],
    seen: '200 {"route":"hello","query":{"a":"1"}}',
    path: '/docs/api/hello/?a=1',
    expect: { status: 200, json: { route: 'hello', query: { a: '1' } } },
  }),
  simple({
    id: 'base-path-outside',
    title: 'a route path without the base path in front is 404, without the headers() fields',
    kind: 'error',
    sources: [docs.basePath],
    seen: '404, no x-config-header',
    path: '/api/hello/',
    expect: { status: 404, headers: { 'x-config-header': null } },
  }),
  simple({
    id: 'base-path-post',
    title: 'POST under the base path reaches the POST handler with its body',
    sources: [docs.basePathSuite],
    seen: '200 {"method":"POST","body":"hi"}',
    method: 'POST',
    path: '/docs/api/methods/',
    body: 'hi',
    expect: { status: 200, json: { method: 'POST', body: 'hi' } },
  }),
  simple({
    id: 'base-path-405',
    title: 'a method the route does not export is 405 under the base path',
    kind: 'error',
    sources: [docs.basePathSuite],
    seen: '405, empty body',
    method: 'PUT',
    path: '/docs/api/methods/',
    expect: { status: 405, body: '' },
  }),
  simple({
    id: 'base-path-options',
    title: 'automatic OPTIONS under the base path: 204 with Allow',
    sources: [docs.basePathSuite],
    seen: '204, Allow: GET, HEAD, OPTIONS, POST',
    method: 'OPTIONS',
    path: '/docs/api/methods/',
    expect: { status: 204, headers: { allow: 'GET, HEAD, OPTIONS, POST' }, body: '' },
  }),
  simple({
    id: 'base-path-params',
    title: 'a dynamic segment under the base path gets its param',
    sources: [docs.basePathSuite],
    seen: '200 {"id":"42"}',
    path: '/docs/api/users/42/',
    expect: { status: 200, json: { id: '42' } },
  }),
];

const trailingSlashCases: ConformanceCase[] = [
  simple({
    id: 'trailing-slash-api',
    title: 'with trailingSlash: true, GET /docs/api/ answers app/api/route.ts',
    sources: [docs.trailingSlash, docs.trailingSlashSuite],
    seen: '200 {"route":"api"}',
    path: '/docs/api/',
    expect: { status: 200, headers: { 'content-type': JSON_TYPE }, json: { route: 'api' } },
  }),
  simple({
    id: 'trailing-slash-edge',
    title: "with trailingSlash: true, a runtime = 'edge' route answers at /docs/api/edge/",
    sources: [docs.trailingSlashSuite],
    seen: '200 {"route":"edge"}',
    path: '/docs/api/edge/',
    expect: { status: 200, json: { route: 'edge' } },
  }),
  simple({
    id: 'trailing-slash-redirect',
    title: 'with trailingSlash: true, a path without the slash answers 308 to the path with it',
    kind: 'error',
    sources: [docs.trailingSlash],
    seen: '308, Location: /docs/api/',
    path: '/docs/api',
    expect: { status: 308, headers: { location: '/docs/api/' } },
  }),
];

const envCases: ConformanceCase[] = [
  simple({
    id: 'env-and-globals',
    title: "next.config's env reaches process.env; WebSocket and AsyncLocalStorage are globals",
    sources: [docs.env, docs.globals],
    seen: '200 {"flavor":"from-next-config","webSocket":"function","asyncLocalStorage":"function"}',
    path: '/docs/api/env/',
    expect: {
      status: 200,
      json: { flavor: 'from-next-config', webSocket: 'function', asyncLocalStorage: 'function' },
    },
  }),
];

const headerCases: ConformanceCase[] = [
  simple({
    id: 'headers-applied',
    title: "a headers() rule's field is on the answer of every path its source matches",
    sources: [docs.headers],
    seen: '200, x-config-header: applied',
    path: '/docs/api/hello/',
    expect: { status: 200, headers: applied },
  }),
  simple({
    id: 'headers-on-404',
    title: 'the fields are on a 404 too: the rule matches the path, whatever answers it',
    kind: 'error',
    sources: [docs.headers],
    seen: '404, x-config-header: applied',
    path: '/docs/api/nothing/',
    expect: { status: 404, headers: applied },
  }),
  simple({
    id: 'headers-on-500',
    title: 'the fields are on the 500 of a throwing handler',
    kind: 'error',
    sources: [docs.headers],
    seen: '500, x-config-header: applied',
    method: 'POST',
    path: '/docs/api/boom/',
    expect: { status: 500, headers: applied, body: '' },
  }),
  simple({
    id: 'headers-case-insensitive',
    title: 'a source matches regardless of case (caseSensitiveRoutes is off by default)',
    kind: 'error',
    sources: [docs.headers],
    seen: '404, x-config-header: applied',
    path: '/docs/API/HELLO/',
    expect: { status: 404, headers: applied },
  }),
  simple({
    id: 'headers-set-cookie',
    title: "a route's two Set-Cookie fields go out as written when no rule adds any",
    sources: [docs.setCookies],
    seen: 'Set-Cookie: route-a=1; Path=/, route-b=2; Path=/',
    path: '/docs/api/cookies/',
    expect: { status: 200, headers: { 'set-cookie': ['route-a=1; Path=/', 'route-b=2; Path=/'] } },
  }),
  simple({
    id: 'headers-set-cookie-first',
    title: "a rule's Set-Cookie fields (has: query) come first, the route's follow: four in all",
    sources: [docs.setCookies, docs.hasMissing],
    seen: 'Set-Cookie: config-a, config-b, route-a, route-b',
    path: '/docs/api/cookies/?next-config-headers=true',
    expect: {
      status: 200,
      headers: {
        'set-cookie': [
          'config-a=1; Path=/',
          'config-b=2; Path=/',
          'route-a=1; Path=/',
          'route-b=2; Path=/',
        ],
      },
    },
  }),
  simple({
    id: 'headers-rule-wins',
    title: "a rule's field wins over the route's field of the same name; others stay",
    sources: [docs.headers, docs.headerOverride],
    seen: '200, x-who: config, x-only-route: route, body route',
    path: '/docs/api/override/',
    expect: { status: 200, headers: { 'x-who': 'config', 'x-only-route': 'route' }, body: 'route' },
  }),
  simple({
    id: 'headers-params',
    title: "the source's params go into the field's value",
    sources: [docs.headerParams],
    seen: '200, x-user: user-42',
    path: '/docs/api/users/42/',
    expect: { status: 200, headers: { 'x-user': 'user-42' } },
  }),
  simple({
    id: 'headers-has-capture',
    title: 'has: a header value matching the pattern applies the rule, its named group captured',
    sources: [docs.hasMissing],
    seen: '200, x-flag-was: flag-yes',
    path: '/docs/api/has/',
    headers: { 'x-flag': 'yes' },
    expect: { status: 200, headers: { 'x-flag-was': 'flag-yes' } },
  }),
  simple({
    id: 'headers-has-anchored',
    title: "has: the value pattern is anchored ('on|yes' does not match 'onion')",
    sources: [docs.hasMissing],
    seen: '200, no x-flag-was',
    path: '/docs/api/has/',
    headers: { 'x-flag': 'onion' },
    expect: { status: 200, headers: { 'x-flag-was': null } },
  }),
  simple({
    id: 'headers-missing',
    title: 'missing: a cookie that is present keeps the rule from applying',
    sources: [docs.hasMissing],
    seen: '200, no x-flag-was',
    path: '/docs/api/has/',
    headers: { 'x-flag': 'on', cookie: 'skip=1' },
    expect: { status: 200, headers: { 'x-flag-was': null } },
  }),
];

const redirectCases: ConformanceCase[] = [
  simple({
    id: 'redirect-permanent',
    title: 'permanent: true is 308 to the destination with the params and the query',
    kind: 'error',
    sources: [docs.redirects, docs.redirectQuery, docs.redirectBasePath],
    seen: '308, Location and body /docs/api/users/abc/?q=1, Refresh: 0;url=…, no rule fields',
    path: '/docs/old/abc/?q=1',
    expect: {
      status: 308,
      headers: {
        location: '/docs/api/users/abc/?q=1',
        refresh: '0;url=/docs/api/users/abc/?q=1',
        'x-config-header': null,
      },
      body: '/docs/api/users/abc/?q=1',
    },
  }),
  simple({
    id: 'redirect-case-insensitive',
    title: 'a redirect source matches regardless of case',
    kind: 'error',
    sources: [docs.redirects],
    seen: '308, Location: /docs/api/users/x/',
    path: '/docs/OLD/x/',
    expect: { status: 308, headers: { location: '/docs/api/users/x/' } },
  }),
  simple({
    id: 'redirect-after-slash',
    title: 'the 308 to the canonical path comes before the redirect rules',
    kind: 'error',
    sources: [docs.trailingSlash, docs.redirects],
    seen: '308, Location: /docs/old/abc/',
    path: '/docs/old/abc',
    expect: { status: 308, headers: { location: '/docs/old/abc/' } },
  }),
  simple({
    id: 'redirect-temporary-query',
    title: "permanent: false is 307; the destination's query value wins, the rest passes through",
    kind: 'error',
    sources: [docs.redirects, docs.redirectQuery],
    seen: '307, Location /docs/api/hello/?from=temp&x=a%20b, no Refresh',
    path: '/docs/temp/?from=me&x=a%20b',
    expect: {
      status: 307,
      headers: { location: '/docs/api/hello/?from=temp&x=a%20b', refresh: null },
      body: '/docs/api/hello/?from=temp&x=a%20b',
    },
  }),
  simple({
    id: 'redirect-external',
    title: 'an external destination is sent as written, without the base path',
    kind: 'error',
    sources: [docs.redirects, docs.redirectBasePath],
    seen: '307, Location: https://example.com/docs',
    path: '/docs/away/',
    expect: { status: 307, headers: { location: 'https://example.com/docs' } },
  }),
  simple({
    id: 'redirect-status-code',
    title: 'statusCode gives the status instead of permanent',
    kind: 'error',
    sources: [docs.statusCode],
    seen: '303, Location: /docs/api/hello/',
    path: '/docs/see-other/',
    expect: { status: 303, headers: { location: '/docs/api/hello/' } },
  }),
  simple({
    id: 'redirect-base-path-false',
    title: 'basePath: false matches outside the base path, the destination as written',
    kind: 'error',
    sources: [docs.redirectBasePath],
    seen: '308, Location: /docs/api/hello/',
    path: '/legacy/',
    expect: { status: 308, headers: { location: '/docs/api/hello/' } },
  }),
  simple({
    id: 'redirect-base-path-false-not-inside',
    title: 'a basePath: false rule does not match under the base path',
    kind: 'error',
    sources: [docs.redirectBasePath],
    seen: '404',
    path: '/docs/legacy/',
    expect: { status: 404 },
  }),
  simple({
    id: 'redirect-has',
    title: 'has: the rule applies only with the header; an unknown param stays as written',
    kind: 'error',
    sources: [docs.hasMissing, docs.redirects],
    seen: '307, Location: /docs/api/hello/?go=:go',
    path: '/docs/by-header/',
    headers: { 'x-go': 'yes please' },
    expect: { status: 307, headers: { location: '/docs/api/hello/?go=:go' } },
  }),
  simple({
    id: 'redirect-has-absent',
    title: 'has: without the header, the rule does not apply',
    kind: 'error',
    sources: [docs.hasMissing],
    seen: '404',
    path: '/docs/by-header/',
    expect: { status: 404 },
  }),
];

interface ReportedError {
  message: string;
  path: string;
  method: string;
  probe: string | null;
  context: Record<string, unknown>;
}

const instrumentationCases: ConformanceCase[] = [
  {
    id: 'config/instrumentation-on-request-error',
    title: 'onRequestError gets the error, the request and the route context, in Next.js’s shapes',
    rule: RULE,
    kind: 'error',
    sources: [
      docs.onRequestError,
      observed(
        'POST /docs/api/boom/?x=<id> → 500; onRequestError got { path: "/api/boom/?x=<id>", ' +
          'method: "POST", headers }, { routerKind: "App Router", routePath: "/api/boom", ' +
          'routeType: "route", revalidateReason: undefined }; register() ran once',
      ),
    ],
    async run({ send, uniqueId }) {
      const id = uniqueId();
      const boom = await send({
        method: 'POST',
        path: `/docs/api/boom/?x=${id}`,
        headers: { 'x-probe': id },
      });
      assert(boom.status === 500, `POST /docs/api/boom/: expected 500, got ${boom.status}`);
      const report = (await send({ path: '/docs/api/errors/' })).json() as {
        registered: number;
        errors: ReportedError[];
      };
      assert(report.registered === 1, `register() ran ${report.registered} times, expected 1`);
      const mine = report.errors.find((error) => error.probe === id);
      assert(mine !== undefined, `onRequestError was not called for x-probe: ${id}`);
      const wanted = {
        message: 'boom from the route',
        path: `/api/boom/?x=${id}`,
        method: 'POST',
        probe: id,
        context: { routerKind: 'App Router', routePath: '/api/boom', routeType: 'route' },
      };
      const [got, want] = [JSON.stringify(mine), JSON.stringify(wanted)];
      assert(got === want, `onRequestError got ${got}, expected ${want}`);
    },
  },
];

/** Every case of the fixtures-config project. */
export const configCases: readonly ConformanceCase[] = [
  ...basePathCases,
  ...trailingSlashCases,
  ...envCases,
  ...headerCases,
  ...redirectCases,
  ...instrumentationCases,
];

/** The project the config cases run against, as the proxy cases name theirs. */
export const configFixtureGroups: readonly {
  fixture: string;
  cases: readonly ConformanceCase[];
}[] = [{ fixture: 'fixtures-config', cases: configCases }];
