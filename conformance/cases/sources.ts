import type { CaseSource } from '../src/lib/case.js';
import { ruleUrl, SPEC_PATH } from '../src/lib/spec.js';

// The sources the cases cite, written once. Documentation sentences are quoted from the
// Next.js 16 documentation; `next-test` points at the Next.js repository's own tests.
const API = 'https://nextjs.org/docs/app/api-reference';
const ROUTE = `${API}/file-conventions/route`;
const APP_DIR_TESTS = 'https://github.com/vercel/next.js/blob/canary/test/e2e/app-dir';
const TESTS = `${APP_DIR_TESTS}/app-routes/app-custom-routes.test.ts`;

export const docs = {
  methods: {
    kind: 'docs',
    url: ROUTE,
    ref:
      'route.js: "The following HTTP methods are supported: GET, POST, PUT, PATCH, DELETE, ' +
      'HEAD, and OPTIONS."',
  },
  options: {
    kind: 'docs',
    url: ROUTE,
    ref:
      'route.js: "If `OPTIONS` is not defined, Next.js will automatically implement ' +
      '`OPTIONS` and set the appropriate Response `Allow` header depending on the other ' +
      'methods defined in the route handler."',
  },
  unsupported405: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/15/app/getting-started/route-handlers-and-middleware',
    ref:
      'Route Handlers: "If an unsupported method is called, Next.js will return a 405 ' +
      'Method Not Allowed response."',
  },
  helloWorld: {
    kind: 'docs',
    url: ROUTE,
    ref:
      'route.js: "export async function GET() { return Response.json({ message: \'Hello ' +
      'World\' }) }"',
  },
  request: {
    kind: 'docs',
    url: ROUTE,
    ref:
      'route.js: "The request object is a NextRequest object, which is an extension of the ' +
      'Web Request API. NextRequest gives you further control over the incoming request, ' +
      'including easily accessing cookies and an extended, parsed, URL object nextUrl."',
  },
  paramsPromise: {
    kind: 'docs',
    url: ROUTE,
    ref:
      'route.js: "params: a promise that resolves to an object containing the dynamic ' +
      'route parameters for the current route."',
  },
  paramsTable: {
    kind: 'docs',
    url: ROUTE,
    ref:
      'route.js params table: app/dashboard/[team]/route.js, /dashboard/1 → Promise<{ ' +
      "team: '1' }>; app/shop/[tag]/[item]/route.js, /shop/1/2 → Promise<{ tag: '1', item: " +
      "'2' }>; app/blog/[...slug]/route.js, /blog/1/2 → Promise<{ slug: ['1', '2'] }>",
  },
  v15Params: {
    kind: 'docs',
    url: ROUTE,
    ref:
      'route.js version history, v15.0.0-RC: "context.params is now a promise. A codemod ' +
      'is available"',
  },
  v15Dynamic: {
    kind: 'docs',
    url: ROUTE,
    ref:
      'route.js version history, v15.0.0-RC: "The default caching for GET handlers was ' +
      'changed from static to dynamic"',
  },
  caching: {
    kind: 'docs',
    url: ROUTE,
    ref:
      'route.js, Caching: "Route Handlers are not cached by default. You can, however, opt ' +
      'into caching for GET methods. Other supported HTTP methods are not cached. To cache ' +
      'a GET method, use a route config option such as export const dynamic = ' +
      "'force-static' in your Route Handler file.\"",
  },
  segmentConfig: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/file-conventions/route-segment-config',
    ref:
      "Route Segment Config: dynamic = 'auto' | 'force-dynamic' | 'error' | " +
      "'force-static'; dynamicParams; revalidate = false | 0 | number; runtime; " +
      'preferredRegion; maxDuration',
  },
  dynamicParams: {
    kind: 'docs',
    url: `${API}/file-conventions/route-segment-config/dynamicParams`,
    ref:
      'dynamicParams: "false: Dynamic segments not included in generateStaticParams will ' +
      'return a 404."',
  },
  generateStaticParams: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/generate-static-params',
    ref:
      'generateStaticParams: "can be used in combination with dynamic route segments to ' +
      'statically generate routes at build time instead of on-demand at request time"; ' +
      'route handlers are supported',
  },
  metadataRoutes: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/file-conventions/metadata',
    ref:
      'Metadata files: sitemap.xml, robots.txt and manifest.json routes are special Route ' +
      'Handlers that are cached by default',
  },
  routeGroups: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/file-conventions/route-groups',
    ref:
      'Route Groups: "(folderName)" indicates the folder is for organizational purposes ' +
      "and should not be included in the route's URL path",
  },
  privateFolders: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/getting-started/project-structure',
    ref:
      'Private folders: "_folderName" opts the folder and all its subfolders out of ' +
      'routing; "You can create URL segments that start with an underscore by prefixing ' +
      'the folder name with %5F (the URL-encoded form of an underscore): %5FfolderName."',
  },
  parallelRoutes: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/file-conventions/parallel-routes',
    ref: 'Parallel Routes: "Slots are not route segments and do not affect the URL structure."',
  },
  dynamicSegments: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/file-conventions/dynamic-routes',
    ref:
      'Dynamic Segments: [folderName], catch-all [...folderName], optional catch-all ' +
      '[[...folderName]]: "the route without the parameter is also matched"',
  },
  trailingSlash: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/config/next-config-js/trailingSlash',
    ref:
      'trailingSlash: "By default Next.js will redirect URLs with trailing slashes to ' +
      'their counterpart without a trailing slash. For example /about/ will redirect to ' +
      '/about."',
  },
  nextRequest: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/next-request',
    ref:
      'NextRequest: cookies (set, get, getAll, delete, has, clear) and nextUrl (pathname, ' +
      'searchParams, basePath, buildId, …); "ip and geo were removed" in v15',
  },
  cookies: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/cookies',
    ref:
      'cookies: "an async function that allows you to read the HTTP incoming request ' +
      'cookies in Server Components, and read/write outgoing request cookies in Server ' +
      'Actions or Route Handlers"; get, getAll, has, set(name, value, options), delete',
  },
  cookieOptions: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/cookies#options',
    ref:
      "cookies options: name, value, expires, maxAge, domain, path (default '/'), secure, " +
      'httpOnly, sameSite, priority, partitioned',
  },
  headers: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/headers',
    ref:
      'headers: "an async function that allows you to read the HTTP incoming request ' +
      'headers"; "returns a read-only Web Headers object"',
  },
  nextResponse: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/next-response',
    ref: 'NextResponse: json(), redirect(), cookies (set, get, getAll, delete)',
  },
  redirect: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/redirect',
    ref:
      'redirect: "By default, redirect will use 307 (Temporary Redirect) status code"; ' +
      'usable in Route Handlers',
  },
  permanentRedirect: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/permanentRedirect',
    ref:
      'permanentRedirect: "By default, permanentRedirect will use 308 (Permanent Redirect) ' +
      'status code"',
  },
  notFound: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/not-found',
    ref: 'notFound: "Invoking the notFound() function throws a NEXT_HTTP_ERROR_FALLBACK;404 error"',
  },
  after: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/after',
    ref:
      'after: "allows you to schedule work to be executed after a response (or prerender) ' +
      'is finished"; "after will be executed even if the response didn\'t complete ' +
      'successfully. Including when an error is thrown or when notFound or redirect is ' +
      'called."',
  },
  streaming: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/file-conventions/route#streaming',
    ref:
      'route.js, Streaming: "Streaming is commonly used in combination with Large Language ' +
      'Models … using the underlying Web APIs" (a ReadableStream response body)',
  },
  requestBody: {
    kind: 'docs',
    url: ROUTE,
    ref:
      'route.js, Request Body: "You can read the Request body using the standard Web API ' +
      'methods" (request.json(), request.formData())',
  },
} satisfies Record<string, CaseSource>;

export const tests = {
  methods: {
    kind: 'next-test',
    url: TESTS,
    ref:
      'app-custom-routes.test.ts: "basic fetch request with a response made via a ' +
      'GET/POST/PUT/DELETE/PATCH request"',
  },
  status405: {
    kind: 'next-test',
    url: TESTS,
    ref:
      'app-custom-routes.test.ts: "responds with 405 (Method Not Allowed) when method is ' +
      'not implemented" (empty body)',
  },
  status400: {
    kind: 'next-test',
    url: TESTS,
    ref:
      'app-custom-routes.test.ts: "responds with 400 (Bad Request) when the requested ' +
      'method is not a valid HTTP method"',
  },
  status500: {
    kind: 'next-test',
    url: TESTS,
    ref:
      'app-custom-routes.test.ts: "responds with 500 (Internal Server Error) when the ' +
      'handler throws an error" (empty body)',
  },
  nextCall: {
    kind: 'next-test',
    url: TESTS,
    ref:
      'app-custom-routes.test.ts: "responds with 500 (Internal Server Error) when the ' +
      'handler calls NextResponse.next()"',
  },
  noResponse: {
    kind: 'next-test',
    url: TESTS,
    ref:
      'app-custom-routes.test.ts: "No response is returned from route handler" is logged ' +
      'and the answer is 500',
  },
  params: {
    kind: 'next-test',
    url: TESTS,
    ref:
      'app-custom-routes.test.ts: "provides params to routes with dynamic parameters" / ' +
      '"with catch-all routes" / "does not provide params to routes without dynamic ' +
      'parameters"',
  },
  groups: {
    kind: 'next-test',
    url: TESTS,
    ref: 'app-custom-routes.test.ts: "route groups routes to the correct handler"',
  },
  body: {
    kind: 'next-test',
    url: TESTS,
    ref:
      'app-custom-routes.test.ts: "can read a JSON encoded body", "can read the text ' +
      'body", "can read a JSON encoded body for DELETE requests", "can handle a streaming ' +
      'request and streaming response"',
  },
  hooks: {
    kind: 'next-test',
    url: TESTS,
    ref:
      'app-custom-routes.test.ts: hooks: headers(), cookies(), redirect() → 307 with empty ' +
      'body, notFound() → 404 with empty body',
  },
  nextResponse: {
    kind: 'next-test',
    url: TESTS,
    ref:
      'app-custom-routes.test.ts: "supports the NextResponse.redirect() helper" (307, ' +
      'Location, empty body) and "supports the NextResponse.json() helper"',
  },
  options: {
    kind: 'next-test',
    url: `${APP_DIR_TESTS}/options-request/options-request.test.ts`,
    ref:
      'options-request.test.ts: "In app router, OPTIONS is auto-implemented if not ' +
      'provided": 204 No Content',
  },
} satisfies Record<string, CaseSource>;

/** Seen on a real `next build && next start` server, Next.js 16.4.6, over raw HTTP. */
export function observed(what: string): CaseSource {
  return { kind: 'observed', ref: `observed on Next.js 16.4.6 (next start): ${what}` };
}

/**
 * A rule of the behaviour specification, docs/spec.md.
 * @param section the section title, a case's `rule`
 * @param rule the rule, quoted or summarised
 */
export function spec(section: string, rule: string): CaseSource {
  return { kind: 'spec', url: ruleUrl(section), ref: `${SPEC_PATH}, ${section}: ${rule}` };
}

/** An RFC 9110 clause. */
export function rfc(clause: string, text: string): CaseSource {
  return {
    kind: 'rfc',
    url: `https://www.rfc-editor.org/rfc/rfc9110#section-${clause}`,
    ref: `RFC 9110 §${clause}: ${text}`,
  };
}
