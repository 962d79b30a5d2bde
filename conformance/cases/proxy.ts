import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  CaseContext,
  CaseResponse,
  CaseSource,
  ConformanceCase,
  Expectation,
} from '../src/lib/case.js';
import { expectResponse, ExpectationError } from '../src/lib/expect.js';
import { JSON_TYPE } from './helpers.js';
import { observed } from './sources.js';

// The proxy cases. They run against three fixture projects, not `fixtures/`: each group below
// names its project (`proxyFixtureGroups`). Every expectation was seen on real Next.js 16.4.6
// (conformance/fixtures-proxy/OBSERVED.md, produced by conformance/scripts/observe-proxy.mjs).
// Next.js plumbing is not asserted: the `x-middleware-rewrite` and `x-middleware-set-cookie`
// headers Next.js leaks (to the client and to the route), `x-nextjs-*`, 404 page bodies, and
// the host in `request.url` (Next.js writes `localhost` there). Next.js is observed as
// `next start` runs by default, on `localhost`: given an IP as --hostname, it sends rewrites to
// its own paths over HTTP to itself, and its proxy then runs a second time (README.md).

const RULE = 'Proxy';
const PROXY_DOC = 'https://nextjs.org/docs/app/api-reference/file-conventions/proxy';
const RESPONSE_DOC = 'https://nextjs.org/docs/app/api-reference/functions/next-response';

const docs = {
  convention: {
    kind: 'docs',
    url: PROXY_DOC,
    ref:
      'proxy.js: "Create a proxy.ts (or .js) file in the project root, or inside src if ' +
      'applicable, so that it is located at the same level as pages or app." "The file must ' +
      'export a single function, either as a default export or named proxy."',
  },
  matcher: {
    kind: 'docs',
    url: `${PROXY_DOC}#matcher`,
    ref:
      'proxy.js, Matcher: source patterns "MUST start with /", "Can include named parameters: ' +
      '/about/:path matches /about/a and /about/b but not /about/a/c", "Can have modifiers on ' +
      'named parameters (starting with :): /about/:path* matches /about/a/b/c because * is zero ' +
      'or more. ? is zero or one and + one or more", "Can use regular expression enclosed in ' +
      'parenthesis", "Are anchored to the start of the path"',
  },
  hasMissing: {
    kind: 'docs',
    url: `${PROXY_DOC}#matcher`,
    ref:
      'proxy.js, Matcher: "has (optional): Specifies conditions based on the presence of ' +
      'specific request elements such as headers, query parameters, or cookies." "missing ' +
      '(optional): Focuses on conditions where certain request elements are absent"',
  },
  negative: {
    kind: 'docs',
    url: `${PROXY_DOC}#negative-matching`,
    ref:
      'proxy.js, Negative matching: matcher ' +
      "'/((?!api|_next/static|_next/image|favicon.ico|sitemap.xml|robots.txt).*)' matches all " +
      'request paths except for the ones starting with api, _next/static, …',
  },
  order: {
    kind: 'docs',
    url: `${PROXY_DOC}#execution-order`,
    ref:
      'proxy.js, Execution order: 1. headers from next.config.js 2. redirects from ' +
      'next.config.js 3. Proxy (rewrites, redirects, etc.) 4. beforeFiles (rewrites) 5. ' +
      'Filesystem routes (public/, _next/static/, pages/, app/, etc.) …',
  },
  setHeaders: {
    kind: 'docs',
    url: `${PROXY_DOC}#setting-headers`,
    ref:
      'proxy.js, Setting Headers: "NextResponse.next({ request: { headers: requestHeaders } }) ' +
      'to make requestHeaders available upstream"; "NOT NextResponse.next({ headers: ' +
      'requestHeaders }) which makes requestHeaders available to clients"',
  },
  cookies: {
    kind: 'docs',
    url: `${PROXY_DOC}#using-cookies`,
    ref:
      'proxy.js, Using Cookies: "Setting cookies on the response using the ResponseCookies API: ' +
      "const response = NextResponse.next(); response.cookies.set('vercel', 'fast')\"",
  },
  producing: {
    kind: 'docs',
    url: `${PROXY_DOC}#producing-a-response`,
    ref:
      'proxy.js, Producing a response: "You can respond from Proxy directly by returning a ' +
      'Response or NextResponse instance."',
  },
  cors: {
    kind: 'docs',
    url: `${PROXY_DOC}#cors`,
    ref:
      'proxy.js, CORS: "if (isPreflight) { … return NextResponse.json({}, { headers: ' +
      'preflightHeaders }) }"',
  },
  waitUntil: {
    kind: 'docs',
    url: `${PROXY_DOC}#waituntil-and-nextfetchevent`,
    ref:
      'proxy.js, waitUntil and NextFetchEvent: "The waitUntil() method takes a promise as an ' +
      'argument, and extends the lifetime of the Proxy until the promise settles. This is useful ' +
      'for performing work in the background."',
  },
  event: {
    kind: 'docs',
    url: `${PROXY_DOC}#params`,
    ref:
      'proxy.js, Params: "Next.js calls the Proxy function with two arguments, request and ' +
      'event, in that order."',
  },
  next: {
    kind: 'docs',
    url: `${RESPONSE_DOC}#next`,
    ref:
      'NextResponse.next(): "useful for Proxy, as it allows you to return early and continue ' +
      'routing"; with { request: { headers } } it "forwards newHeaders upstream to the target ' +
      'page, route, or server action, and does not expose them to the client"',
  },
  nextHeaders: {
    kind: 'docs',
    url: `${RESPONSE_DOC}#next`,
    ref:
      'NextResponse.next(): "NextResponse.next({ headers }) is a shorthand for sending headers ' +
      'from proxy to the client."',
  },
  rewrite: {
    kind: 'docs',
    url: `${RESPONSE_DOC}#rewrite`,
    ref:
      'NextResponse.rewrite(): "Produce a response that rewrites (proxies) the given URL while ' +
      'preserving the original URL."',
  },
  redirect: {
    kind: 'docs',
    url: `${RESPONSE_DOC}#redirect`,
    ref:
      'NextResponse.redirect(): "Produce a response that redirects to a URL." return ' +
      "NextResponse.redirect(new URL('/new', request.url))",
  },
  responseRedirect: {
    kind: 'docs',
    url: `${PROXY_DOC}#nextresponse`,
    ref:
      'proxy.js, NextResponse: "For redirects, you can also use Response.redirect instead of ' +
      'NextResponse.redirect."',
  },
  after: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/functions/after',
    ref:
      'after: "after allows you to schedule work to be executed after a response (or prerender) ' +
      'is finished." It can be used in Proxy.',
  },
  middleware: {
    kind: 'docs',
    url: `${PROXY_DOC}#migration-to-proxy`,
    ref:
      'proxy.js: "The middleware file convention is deprecated and has been renamed to proxy."; ' +
      'v16.0.0: "Middleware is deprecated and renamed to Proxy."',
  },
  basePath: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/api-reference/config/next-config-js/basePath',
    ref:
      'basePath: "To deploy a Next.js application under a sub-path of a domain you can use the ' +
      'basePath config option."',
  },
} satisfies Record<string, CaseSource>;

/** What the fixtures' echo route answers (fixtures-proxy/app/_lib/echo.ts). */
interface Echo {
  method: string;
  pathname: string;
  search: string;
  params: Record<string, string | string[]>;
  headers: Record<string, string>;
  headersFn: Record<string, string>;
  requestCookies: { name: string; value: string }[];
  cookiesFn: { name: string; value: string }[];
  body: string | null;
}

const echoOf = (response: CaseResponse) => response.json() as Echo;

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ExpectationError(message);
}

function same(actual: unknown, wanted: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const w = JSON.stringify(wanted);
  assert(a === w, `${what}: expected ${w}, got ${a}`);
}

// The route saw exactly these values (a subset of what it echoes).
function routeSaw(wanted: Partial<Echo>, headers: Record<string, string | null> = {}) {
  return (response: CaseResponse): void => {
    const echo = echoOf(response);
    for (const [key, value] of Object.entries(wanted))
      same(echo[key as keyof Echo], value, `route ${key}`);
    for (const [name, value] of Object.entries(headers)) {
      same(echo.headers[name] ?? null, value, `route request header ${name}`);
      same(echo.headersFn[name] ?? null, value, `headers().get('${name}') in the route`);
    }
  };
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
  log?: RegExp;
}

function simple(c: Simple): ConformanceCase {
  const method = c.method ?? 'GET';
  return {
    id: `proxy/${c.id}`,
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
    ...(c.log ? { log: c.log } : {}),
  };
}

const ran = { 'x-proxy': 'ran' } as const;
const notRan = { 'x-proxy': null } as const;

// Whether the proxy ran for a path (fixtures-proxy marks its answer with `x-proxy: ran`).
function matcherCase(
  id: string,
  title: string,
  path: string,
  runs: boolean,
  status: number,
  sources: readonly CaseSource[],
  headers?: Record<string, string>,
  method = 'GET',
): ConformanceCase {
  return simple({
    id,
    title,
    kind: status >= 400 ? 'error' : 'happy',
    sources,
    seen: `${status}, ${runs ? 'x-proxy: ran' : 'no x-proxy header'}`,
    method,
    path,
    ...(headers ? { headers } : {}),
    expect: { status, headers: runs ? ran : notRan },
  });
}

// A case whose proxy records events under an id (waitUntil, after) read back from /state.
function laterCase(
  id: string,
  title: string,
  path: string,
  wanted: string[],
  sources: readonly CaseSource[],
  status = 200,
): ConformanceCase {
  return {
    id: `proxy/${id}`,
    title,
    rule: RULE,
    kind: 'happy',
    sources: [
      ...sources,
      observed(`GET ${path}?id=… → ${status}; /state?id=… then lists ${JSON.stringify(wanted)}`),
    ],
    async run(context: CaseContext) {
      const key = context.uniqueId();
      const response = await context.send({ path: `${path}?id=${key}` });
      expectResponse(response, { status });
      let events: string[] = [];
      for (let attempt = 0; attempt < 40; attempt++) {
        const state = await context.send({ path: `/state?id=${key}` });
        events = (state.json() as { events: string[] }).events;
        if (events.length >= wanted.length) break;
        await context.sleep(50);
      }
      same(events, wanted, 'recorded events');
    },
  };
}

interface Upstream {
  origin: string;
  seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[];
  close: () => Promise<void>;
}

// A loopback server standing for the external destination of a rewrite. It answers 201 with
// what it received, in two chunks 300 ms apart, or a plain text answer with its own cookie.
async function startUpstream(): Promise<Upstream> {
  const seen: Upstream['seen'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/upstream/cookie')) {
        res.writeHead(200, {
          'content-type': 'text/plain',
          'set-cookie': 'from-upstream=1; Path=/',
        });
        res.end('upstream with cookie');
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      res.write(JSON.stringify({ method: req.method, url: req.url, body }));
      setTimeout(() => res.end('\n'), 300);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

// ---------------------------------------------------------------- fixtures-proxy: next()

const nextCases: ConformanceCase[] = [
  simple({
    id: 'next-plain',
    title:
      'NextResponse.next() continues to the route unchanged; no x-middleware-* header reaches it',
    sources: [docs.next],
    seen: '200 from the echo route, no x-middleware-* request header',
    path: '/next/plain',
    expect: { status: 200, headers: { 'x-route': 'echo', 'x-middleware-next': null } },
    check(response) {
      const echo = echoOf(response);
      same(echo.pathname, '/next/plain', 'route pathname');
      same(echo.params, { path: ['plain'] }, 'route params');
      const leaked = Object.keys(echo.headers).filter((name) => name.startsWith('x-middleware-'));
      same(leaked, [], 'x-middleware-* request headers');
    },
  }),
  simple({
    id: 'next-request-headers',
    title: 'next({ request: { headers } }) adds, replaces and removes the headers the route sees',
    sources: [docs.next, docs.setHeaders],
    seen:
      '200; route and headers() see x-added/x-replaced from the proxy, x-kept, no x-removed; the ' +
      'client gets none of them',
    path: '/next/request-headers',
    headers: { 'x-replaced': 'by-client', 'x-removed': 'by-client', 'x-kept': 'by-client' },
    expect: {
      status: 200,
      headers: {
        'x-added': null,
        'x-replaced': null,
        'x-middleware-override-headers': null,
        'x-middleware-request-x-added': null,
      },
    },
    check: routeSaw(
      {},
      { 'x-added': 'by-proxy', 'x-replaced': 'by-proxy', 'x-kept': 'by-client', 'x-removed': null },
    ),
  }),
  simple({
    id: 'next-request-cookie',
    title: 'a Cookie header replaced by the proxy is what request.cookies and cookies() read',
    sources: [docs.next, docs.cookies],
    seen: '200; cookies() and request.cookies: session=from-proxy, theme=dark',
    path: '/next/request-cookie',
    headers: { cookie: 'session=from-client' },
    expect: { status: 200 },
    check(response) {
      const echo = echoOf(response);
      same(
        echo.requestCookies,
        [
          { name: 'session', value: 'from-proxy' },
          { name: 'theme', value: 'dark' },
        ],
        'request.cookies.getAll()',
      );
      same(
        echo.cookiesFn.map(({ name, value }) => ({ name, value })),
        [
          { name: 'session', value: 'from-proxy' },
          { name: 'theme', value: 'dark' },
        ],
        '(await cookies()).getAll()',
      );
    },
  }),
  simple({
    id: 'next-request-object',
    title: 'next({ request }) with the mutated NextRequest forwards its headers and cookies',
    sources: [docs.next],
    seen: "200; the route sees x-mutated: in-place and the cookie 'a=1; injected=yes'",
    path: '/next/request-object',
    headers: { cookie: 'a=1' },
    expect: { status: 200 },
    check: routeSaw({}, { 'x-mutated': 'in-place', cookie: 'a=1; injected=yes' }),
  }),
  simple({
    id: 'next-response-headers',
    title:
      'next({ headers }) sends the headers to the client, and Next.js gives them to the route too',
    sources: [docs.nextHeaders],
    seen: '200 with x-response-header: from-proxy; the route request also has x-response-header',
    path: '/next/response-headers',
    expect: { status: 200, headers: { 'x-response-header': 'from-proxy' } },
    check: routeSaw({}, { 'x-response-header': 'from-proxy' }),
  }),
  simple({
    id: 'next-request-and-response-headers',
    title:
      'request headers stay upstream, response headers set on the next() response go to the client',
    sources: [docs.setHeaders],
    seen: '200 with x-response-only, without x-request-only; the route sees both',
    path: '/next/both-headers',
    expect: {
      status: 200,
      headers: { 'x-response-only': 'for-the-client', 'x-request-only': null },
    },
    check: routeSaw({}, { 'x-request-only': 'for-the-route', 'x-response-only': 'for-the-client' }),
  }),
  simple({
    id: 'cookies-merged',
    title: "the proxy's Set-Cookie come first, then the route's; a name set by both is sent twice",
    sources: [docs.cookies],
    seen:
      'Set-Cookie: from-proxy=1; Path=/ | shared=proxy; Path=/; HttpOnly | route=1; Path=/ | ' +
      'shared=route; Path=/',
    path: '/next/set-cookie?set-cookie=route=1,shared=route',
    expect: {
      status: 200,
      headers: {
        'set-cookie': [
          'from-proxy=1; Path=/',
          'shared=proxy; Path=/; HttpOnly',
          'route=1; Path=/',
          'shared=route; Path=/',
        ],
      },
    },
  }),
  simple({
    id: 'cookies-not-request-cookies',
    title: 'a cookie the proxy sets on its response is not a request cookie of the route',
    sources: [docs.cookies],
    seen: "200 with the proxy's two Set-Cookie; the route's cookies() is empty",
    path: '/next/set-cookie',
    expect: {
      status: 200,
      headers: { 'set-cookie': ['from-proxy=1; Path=/', 'shared=proxy; Path=/; HttpOnly'] },
    },
    check: routeSaw({ cookiesFn: [], requestCookies: [] }),
  }),
  simple({
    id: 'next-status-ignored',
    title: 'a status given to next() is not the answer: the route answers',
    sources: [docs.next],
    seen: '200 from the route (next({ status: 202 }))',
    path: '/next/status',
    expect: { status: 200, headers: { 'x-route': 'echo' } },
  }),
  simple({
    id: 'returns-nothing',
    title: 'a proxy that returns nothing continues like next()',
    sources: [docs.next],
    seen: '200 from the route',
    path: '/next/undefined',
    expect: { status: 200, headers: { 'x-route': 'echo' } },
  }),
  simple({
    id: 'next-same-header',
    title:
      "a header both the proxy's next() and the route set: the proxy's value goes out; its Vary " +
      'goes out first',
    sources: [docs.nextHeaders],
    seen:
      '200 with x-route: from-proxy (the route sets x-route: echo); the first Vary field is ' +
      "x-from-proxy (Next.js's own follows)",
    path: '/next/same-header',
    expect: { status: 200, headers: { 'x-route': 'from-proxy' } },
    check(response) {
      same(response.header('vary'), 'x-from-proxy', 'the first Vary field');
    },
  }),
  simple({
    id: 'proxy-reads-body-then-next',
    title: 'a proxy that reads the body and continues: the route reads the same body',
    sources: [docs.next],
    seen: 'POST 200, x-proxy-read: read twice; the route reads "read twice"',
    method: 'POST',
    path: '/next/read-body',
    body: 'read twice',
    expect: { status: 200, headers: { 'x-proxy-read': 'read twice' } },
    check: routeSaw({ method: 'POST', body: 'read twice' }),
  }),
  simple({
    id: 'request-body-reaches-route',
    title: 'the request body passes through a proxy that does not read it',
    sources: [docs.next],
    seen: 'POST 200; the route reads the body',
    method: 'POST',
    path: '/next/plain',
    body: 'posted through the proxy',
    expect: { status: 200 },
    check: routeSaw({ method: 'POST', body: 'posted through the proxy' }),
  }),
  simple({
    id: 'client-middleware-headers-ignored',
    title:
      'x-middleware-rewrite and x-middleware-next sent by a client neither rewrite nor reach ' +
      'the route',
    kind: 'error',
    sources: [docs.next],
    seen: '200 from /next/plain; the route sees neither header',
    path: '/next/plain',
    headers: { 'x-middleware-rewrite': '/target/evil', 'x-middleware-next': '1' },
    expect: { status: 200 },
    check: routeSaw(
      { pathname: '/next/plain', params: { path: ['plain'] } },
      { 'x-middleware-rewrite': null, 'x-middleware-next': null },
    ),
  }),
];

// ---------------------------------------------------------------- fixtures-proxy: rewrite()

async function withUpstream(run: (upstream: Upstream) => Promise<void>): Promise<void> {
  const upstream = await startUpstream();
  try {
    await run(upstream);
  } finally {
    await upstream.close();
  }
}

const rewriteCases: ConformanceCase[] = [
  simple({
    id: 'rewrite-params',
    title:
      'rewrite() to another route: the route gets params from the new path, and the URL the ' +
      'client asked for (not the destination query)',
    sources: [docs.rewrite],
    seen:
      "200; route pathname /rewrite/to-target, search ?orig=1, params { id: '42' } " +
      '(destination /target/42?via=rewrite)',
    path: '/rewrite/to-target?orig=1',
    expect: { status: 200, headers: { 'x-route': 'echo' } },
    check: routeSaw({ pathname: '/rewrite/to-target', search: '?orig=1', params: { id: '42' } }),
  }),
  simple({
    id: 'rewrite-keeps-url',
    title: "rewrite(new URL('/target/7', request.url)): request.url is still the client's",
    sources: [docs.rewrite],
    seen: "200; route pathname /rewrite/no-query, search ?orig=1, params { id: '7' }",
    path: '/rewrite/no-query?orig=1',
    expect: { status: 200 },
    check: routeSaw({ pathname: '/rewrite/no-query', search: '?orig=1', params: { id: '7' } }),
  }),
  simple({
    id: 'rewrite-next-url-clone',
    title: 'rewrite(request.nextUrl.clone() with a new pathname) picks the route of that path',
    sources: [docs.rewrite],
    seen: "200; route pathname /rewrite/next-url, search ?orig=1, params { id: 'cloned' }",
    path: '/rewrite/next-url?orig=1',
    expect: { status: 200 },
    check: routeSaw({ pathname: '/rewrite/next-url', search: '?orig=1', params: { id: 'cloned' } }),
  }),
  simple({
    id: 'rewrite-request-headers',
    title: 'rewrite(url, { request: { headers } }) gives the destination the new headers',
    sources: [docs.rewrite, docs.setHeaders],
    seen: '200; the route sees x-added: on-rewrite; the client does not',
    path: '/rewrite/with-headers',
    expect: { status: 200, headers: { 'x-added': null } },
    check: routeSaw({ params: { id: '9' } }, { 'x-added': 'on-rewrite' }),
  }),
  simple({
    id: 'rewrite-cookie-and-header',
    title: 'cookies and headers set on the rewrite response reach the client',
    sources: [docs.rewrite, docs.cookies],
    seen: '200 with Set-Cookie: from-proxy=rewrite; Path=/ and x-response-header: on-rewrite',
    path: '/rewrite/set-cookie',
    expect: {
      status: 200,
      headers: { 'set-cookie': ['from-proxy=rewrite; Path=/'], 'x-response-header': 'on-rewrite' },
    },
    check: routeSaw({ params: { id: 'c' } }),
  }),
  simple({
    id: 'rewrite-encoded',
    title: 'a percent-encoded rewrite destination is decoded into params',
    sources: [docs.rewrite],
    seen: "200; route params { id: 'a b' } (destination /target/a%20b)",
    path: '/rewrite/encoded',
    expect: { status: 200 },
    check: routeSaw({ pathname: '/rewrite/encoded', params: { id: 'a b' } }),
  }),
  simple({
    id: 'rewrite-to-missing-route',
    title: 'a rewrite to a path no route answers ends in 404',
    kind: 'error',
    sources: [docs.rewrite],
    seen: '404',
    path: '/rewrite/missing',
    expect: { status: 404 },
  }),
  simple({
    id: 'rewrite-method-not-allowed',
    title: 'a POST rewritten to a GET-only route ends in 405',
    kind: 'error',
    sources: [docs.rewrite],
    seen: '405',
    method: 'POST',
    path: '/rewrite/get-only',
    body: 'x',
    expect: { status: 405 },
  }),
  simple({
    id: 'rewrite-proxy-runs-once',
    title: 'the proxy runs once: the destination of a rewrite is not matched against it again',
    sources: [docs.rewrite],
    seen: '200 {"route":"/get-only"}, no x-proxy header (the matcher covers /get-only)',
    path: '/rewrite/get-only',
    expect: { status: 200, headers: { 'x-proxy': null }, json: { route: '/get-only' } },
  }),
  {
    id: 'proxy/rewrite-external',
    title:
      'rewrite() to an external URL proxies it: method, body and headers go up, status, ' +
      'headers and streamed body come back',
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.rewrite,
      observed(
        'POST /rewrite/external → 201 from the upstream with x-upstream: yes, the body in two ' +
          'chunks 300 ms apart; the upstream saw POST /upstream/path?from=proxy, the body, ' +
          'cookie c=1, x-forwarded-host/port/proto/for',
      ),
    ],
    async run(context) {
      await withUpstream(async (upstream) => {
        const response = await context.send({
          method: 'POST',
          path: '/rewrite/external?orig=1',
          headers: { 'x-upstream': upstream.origin, 'content-type': 'text/plain', cookie: 'c=1' },
          body: 'body for the upstream',
        });
        expectResponse(response, {
          status: 201,
          headers: { 'x-upstream': 'yes', 'content-type': JSON_TYPE },
        });
        same(
          JSON.parse(response.body) as unknown,
          { method: 'POST', url: '/upstream/path?from=proxy', body: 'body for the upstream' },
          'upstream answer',
        );
        const first = response.chunks[0];
        const last = response.chunks.at(-1);
        assert(
          first !== undefined && last !== undefined && last.at - first.at >= 150,
          "the upstream's first chunk must arrive before it ends " +
            `(chunks at ${response.chunks.map((c) => c.at).join(', ')} ms)`,
        );
        const seen = upstream.seen[0];
        assert(seen !== undefined, 'the upstream got no request');
        same(seen.method, 'POST', 'upstream method');
        same(seen.url, '/upstream/path?from=proxy', 'upstream target');
        same(seen.body, 'body for the upstream', 'upstream body');
        same(seen.headers.cookie, 'c=1', 'upstream cookie header');
        same(seen.headers['content-type'], 'text/plain', 'upstream content-type');
        same(seen.headers.host, upstream.origin.slice('http://'.length), 'upstream host');
      });
    },
  },
  {
    id: 'proxy/rewrite-external-cookies',
    title: "an external rewrite answers the proxy's Set-Cookie first, then the upstream's",
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.rewrite,
      docs.cookies,
      observed(
        'GET /rewrite/external-cookie → 200, Set-Cookie: from-proxy=external; Path=/ | ' +
          'from-upstream=1; Path=/',
      ),
    ],
    async run(context) {
      await withUpstream(async (upstream) => {
        const response = await context.send({
          path: '/rewrite/external-cookie',
          headers: { 'x-upstream': upstream.origin },
        });
        expectResponse(response, {
          status: 200,
          headers: { 'set-cookie': ['from-proxy=external; Path=/', 'from-upstream=1; Path=/'] },
          body: 'upstream with cookie',
        });
      });
    },
  },
  simple({
    id: 'rewrite-external-unreachable',
    title: 'an external rewrite to a server that does not answer ends in 500',
    kind: 'error',
    sources: [docs.rewrite],
    seen:
      '500; the log shows Failed to proxy http://127.0.0.1:9/down Error: connect ECONNREFUSED ' +
      '127.0.0.1:9',
    path: '/rewrite/external-down',
    expect: { status: 500 },
    log: /Failed to proxy http:\/\/127\.0\.0\.1:9\/down/,
  }),
];

// ------------------------------------------------------------ fixtures-proxy: redirect(), Response

function redirectCase(
  id: string,
  title: string,
  path: string,
  status: number,
  location: string,
  sources: readonly CaseSource[],
  extra: Record<string, string | readonly string[]> = {},
  method = 'GET',
): ConformanceCase {
  return simple({
    id,
    title,
    sources,
    seen:
      `${status}, Location: ${location}` +
      (Object.keys(extra).length ? `, ${JSON.stringify(extra)}` : ''),
    method,
    path,
    ...(method === 'GET' ? {} : { body: 'x' }),
    expect: { status, headers: { location, ...extra } },
  });
}

const redirectCases: ConformanceCase[] = [
  redirectCase(
    'redirect-default',
    'redirect() answers 307; a same-origin Location is sent as a path',
    '/redirect/default',
    307,
    '/echo/redirected?x=1',
    [docs.redirect],
  ),
  redirectCase('redirect-308', 'redirect(url, 308)', '/redirect/308', 308, '/echo/permanent', [
    docs.redirect,
  ]),
  redirectCase(
    'redirect-external',
    'an external Location stays absolute',
    '/redirect/external',
    307,
    'https://example.com/elsewhere?a=1',
    [docs.redirect],
  ),
  redirectCase(
    'redirect-response-redirect',
    'Response.redirect(url, 303) works like NextResponse.redirect',
    '/redirect/response',
    303,
    '/echo/plain-response',
    [docs.responseRedirect],
  ),
  redirectCase(
    'redirect-cookie',
    'a cookie set on the redirect response is sent with it',
    '/redirect/set-cookie',
    307,
    '/echo/after-cookie',
    [docs.redirect, docs.cookies],
    { 'set-cookie': ['from-proxy=redirect; Path=/'] },
  ),
  redirectCase(
    'redirect-post',
    'a POST is redirected with 307 too',
    '/redirect/default',
    307,
    '/echo/redirected?x=1',
    [docs.redirect],
    {},
    'POST',
  ),
];

const respondCases: ConformanceCase[] = [
  simple({
    id: 'respond-json',
    title: 'a Response returned by the proxy is the answer: status, headers, body',
    kind: 'error',
    sources: [docs.producing],
    seen: '401, www-authenticate: Bearer, {"from":"proxy"}',
    path: '/respond/json',
    expect: {
      status: 401,
      headers: { 'www-authenticate': 'Bearer', 'content-type': JSON_TYPE, 'x-route': null },
      json: { from: 'proxy' },
    },
  }),
  simple({
    id: 'respond-next-response-cookie',
    title: 'NextResponse.json() from the proxy carries its cookies',
    kind: 'error',
    sources: [docs.producing, docs.cookies],
    seen: '403, Set-Cookie: from-proxy=direct; Path=/',
    path: '/respond/next-response-json',
    expect: {
      status: 403,
      headers: { 'set-cookie': ['from-proxy=direct; Path=/'] },
      json: { from: 'proxy' },
    },
  }),
  simple({
    id: 'respond-text',
    title: 'any status and body',
    kind: 'error',
    sources: [docs.producing],
    seen: '418 short and stout',
    path: '/respond/text',
    expect: {
      status: 418,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'short and stout',
    },
  }),
  simple({
    id: 'respond-head',
    title: 'HEAD gets the status and headers of the proxy answer, no body',
    kind: 'error',
    sources: [docs.producing],
    seen: 'HEAD 418, no body',
    method: 'HEAD',
    path: '/respond/text',
    expect: { status: 418, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '' },
  }),
  simple({
    id: 'respond-empty',
    title: 'a 204 without body',
    sources: [docs.producing],
    seen: '204, empty',
    path: '/respond/empty',
    expect: { status: 204, body: '' },
  }),
  simple({
    id: 'respond-location-without-redirect-status',
    title:
      'a 200 Response with a relative Location header: Next.js fails to parse it as a URL and ' +
      'answers 500',
    kind: 'error',
    sources: [docs.producing],
    seen: '500 Internal Server Error; the log shows TypeError: Invalid URL (input /echo/elsewhere)',
    path: '/respond/location-200',
    expect: { status: 500 },
    log: /TypeError: Invalid URL/,
  }),
  {
    id: 'proxy/respond-stream',
    title: 'a streamed proxy Response reaches the client chunk by chunk',
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.producing,
      observed('GET /respond/stream → 200 one,two in two chunks 30 ms apart'),
    ],
    async run(context) {
      const response = await context.send({ path: '/respond/stream' });
      expectResponse(response, { status: 200, body: 'one,two' });
      assert(response.chunks.length >= 2, `expected two chunks, got ${response.chunks.length}`);
    },
  },
  simple({
    id: 'cors-preflight',
    title: 'the documented CORS rule: the proxy answers OPTIONS preflights itself',
    sources: [docs.cors],
    seen:
      'OPTIONS 204 with access-control-allow-origin: https://a.example, ' +
      'access-control-allow-methods: GET, POST',
    method: 'OPTIONS',
    path: '/respond/preflight',
    headers: { origin: 'https://a.example', 'access-control-request-method': 'POST' },
    expect: {
      status: 204,
      headers: {
        'access-control-allow-origin': 'https://a.example',
        'access-control-allow-methods': 'GET, POST',
        allow: null,
      },
    },
  }),
  simple({
    id: 'cors-simple',
    title: 'the documented CORS rule: other requests continue with the header added',
    sources: [docs.cors],
    seen: '200 from the route with access-control-allow-origin: *',
    path: '/respond/preflight',
    expect: { status: 200, headers: { 'access-control-allow-origin': '*', 'x-route': 'echo' } },
  }),
  simple({
    id: 'any-method',
    title: 'the proxy sees any method, PROPFIND included',
    sources: [docs.producing],
    seen: 'PROPFIND 200 {"method":"PROPFIND","body":null}',
    method: 'PROPFIND',
    path: '/respond/method',
    expect: { status: 200, json: { method: 'PROPFIND', body: null } },
  }),
  simple({
    id: 'proxy-reads-body',
    title: 'the proxy can read the request body',
    sources: [docs.producing],
    seen: 'POST 200 {"method":"POST","body":"read by the proxy"}',
    method: 'POST',
    path: '/respond/body',
    body: 'read by the proxy',
    expect: { status: 200, json: { method: 'POST', body: 'read by the proxy' } },
  }),
];

// ------------------------------------------------------ fixtures-proxy: waitUntil, after, errors

const laterCases: ConformanceCase[] = [
  laterCase(
    'wait-until',
    'event.waitUntil() work finishes after the answer',
    '/later/wait-until',
    ['waitUntil'],
    [docs.waitUntil, docs.event],
  ),
  laterCase(
    'after',
    "after() in the proxy runs after the proxy's own work",
    '/later/after',
    ['proxy', 'after'],
    [docs.after],
  ),
  laterCase(
    'after-direct-response',
    'after() runs when the proxy answers itself too',
    '/later/after-direct',
    ['after-direct'],
    [docs.after, docs.producing],
  ),
];

function throwCase(
  id: string,
  title: string,
  path: string,
  log: RegExp,
  method = 'GET',
): ConformanceCase {
  return simple({
    id,
    title,
    kind: 'error',
    sources: [docs.convention],
    seen: `500 Internal Server Error; the server log shows ${String(log)}`,
    method,
    path,
    ...(method === 'GET' ? {} : { body: 'x' }),
    expect: { status: 500 },
    log,
  });
}

const errorCases: ConformanceCase[] = [
  throwCase(
    'throws',
    'a proxy that throws answers 500 and logs the error',
    '/throw/sync',
    /Error: proxy failed on purpose/,
  ),
  throwCase(
    'rejects',
    'a proxy whose promise rejects answers 500 and logs the error',
    '/throw/async',
    /Error: proxy rejected on purpose/,
  ),
  throwCase(
    'throws-on-post',
    'a throwing proxy answers a POST with 500',
    '/throw/sync',
    /Error: proxy failed on purpose/,
    'POST',
  ),
  throwCase(
    'not-a-response',
    'a proxy returning something that is not a Response answers 500',
    '/throw/not-a-response',
    /TypeError: Expected an instance of Response to be returned/,
  ),
  simple({
    id: 'wait-until-rejects',
    title: 'a rejected waitUntil() promise is logged; the answer is not affected',
    kind: 'error',
    sources: [docs.waitUntil],
    seen: '200 from the route; the log shows Error: waitUntil rejected on purpose',
    path: '/throw/after-wait-until',
    expect: { status: 200, headers: { 'x-route': 'echo' } },
    log: /Error: waitUntil rejected on purpose/,
  }),
  {
    id: 'proxy/alive-after-throw',
    title: 'the server keeps answering after the proxy threw',
    rule: RULE,
    kind: 'error',
    sources: [docs.convention, observed('GET /throw/sync → 500, then GET /next/plain → 200')],
    async run(context) {
      expectResponse(await context.send({ path: '/throw/sync' }), { status: 500 });
      expectResponse(await context.send({ path: '/next/plain' }), {
        status: 200,
        headers: { 'x-route': 'echo' },
      });
    },
  },
];

// ---------------------------------------------------------------- fixtures-proxy: the matcher

const m = docs.matcher;
const h = docs.hasMissing;
const matcherCases: ConformanceCase[] = [
  matcherCase(
    'matcher-star-zero',
    '/about/:path* matches /about (zero segments)',
    '/about',
    true,
    200,
    [m],
  ),
  matcherCase('matcher-star-many', '/about/:path* matches /about/a/b', '/about/a/b', true, 200, [
    m,
  ]),
  matcherCase(
    'matcher-segment-boundary',
    '/about/:path* does not match /aboutx',
    '/aboutx',
    false,
    404,
    [m],
  ),
  matcherCase(
    'matcher-case-sensitive',
    'matching is case-sensitive: /About is not /about',
    '/About',
    false,
    404,
    [m],
  ),
  matcherCase(
    'matcher-json-suffix',
    'a matcher also takes the .json form of its path (then 404)',
    '/about.json',
    true,
    404,
    [m],
  ),
  matcherCase(
    'matcher-rsc-suffix',
    'a matcher also takes the .rsc form of its path',
    '/about/x.rsc',
    true,
    200,
    [m],
  ),
  matcherCase(
    'matcher-decoded',
    'a percent-encoded path matches (the route gets the decoded param)',
    '/about/%61',
    true,
    200,
    [m],
  ),
  matcherCase('matcher-optional-zero', '/optional/:id? matches /optional', '/optional', true, 200, [
    m,
  ]),
  matcherCase(
    'matcher-optional-one',
    '/optional/:id? matches /optional/1',
    '/optional/1',
    true,
    200,
    [m],
  ),
  matcherCase(
    'matcher-optional-two',
    '/optional/:id? does not match /optional/1/2',
    '/optional/1/2',
    false,
    200,
    [m],
  ),
  matcherCase('matcher-plus-zero', '/plus/:rest+ does not match /plus', '/plus', false, 200, [m]),
  matcherCase('matcher-plus-many', '/plus/:rest+ matches /plus/1/2', '/plus/1/2', true, 200, [m]),
  matcherCase('matcher-regex', '/digits/(\\d+) matches /digits/123', '/digits/123', true, 200, [m]),
  matcherCase(
    'matcher-regex-miss',
    '/digits/(\\d+) does not match /digits/12a',
    '/digits/12a',
    false,
    200,
    [m],
  ),
  matcherCase('matcher-exact', '/exact matches /exact', '/exact', true, 200, [m]),
  matcherCase(
    'matcher-exact-deeper',
    '/exact does not match /exact/more',
    '/exact/more',
    false,
    200,
    [m],
  ),
  matcherCase(
    'matcher-unlisted',
    'a path no entry lists does not run the proxy',
    '/echo/unmatched',
    false,
    200,
    [m],
  ),
  matcherCase('matcher-root-unlisted', '/ is not matched by prefix entries', '/', false, 200, [m]),
  matcherCase(
    'not-found-runs-proxy',
    'the proxy runs before route matching: a 404 path gets its headers',
    '/nowhere/x',
    true,
    404,
    [docs.order],
  ),
  matcherCase(
    'not-found-post-runs-proxy',
    'a POST to a 404 path runs the proxy',
    '/nowhere/x',
    true,
    404,
    [docs.order],
    undefined,
    'POST',
  ),
  matcherCase(
    'method-not-allowed-runs-proxy',
    'a 405 answer comes after the proxy ran',
    '/get-only',
    true,
    405,
    [docs.order],
    undefined,
    'POST',
  ),
  matcherCase(
    'method-not-allowed-delete',
    'DELETE on a GET-only route: 405 after the proxy',
    '/get-only',
    true,
    405,
    [docs.order],
    undefined,
    'DELETE',
  ),
  matcherCase(
    'options-runs-proxy',
    'the automatic OPTIONS answer comes after the proxy ran',
    '/get-only',
    true,
    204,
    [docs.order],
    undefined,
    'OPTIONS',
  ),
  matcherCase(
    'head-runs-proxy',
    'HEAD runs the proxy',
    '/get-only',
    true,
    200,
    [docs.order],
    undefined,
    'HEAD',
  ),
  simple({
    id: 'trailing-slash-before-proxy',
    title: 'the trailing-slash 308 is answered before the proxy',
    kind: 'error',
    sources: [docs.order],
    seen: '308, Location: /about, no x-proxy header',
    path: '/about/',
    expect: { status: 308, headers: { location: '/about', ...notRan } },
  }),
  simple({
    id: 'repeated-slash-before-proxy',
    title: 'the repeated-slash 308 is answered before the proxy',
    kind: 'error',
    sources: [docs.order],
    seen: '308, Location: /about/a, no x-proxy header',
    path: '//about/a',
    expect: { status: 308, headers: { location: '/about/a', ...notRan } },
  }),
  matcherCase('has-header-absent', 'has header: not sent, no proxy', '/has/header', false, 200, [
    h,
  ]),
  matcherCase('has-header-value', "has header value 'on|yes': on", '/has/header', true, 200, [h], {
    'x-flag': 'on',
  }),
  matcherCase(
    'has-header-alternative',
    "has header value 'on|yes': yes",
    '/has/header',
    true,
    200,
    [h],
    { 'x-flag': 'yes' },
  ),
  matcherCase(
    'has-header-anchoring',
    "has header value 'on|yes' is ^on|yes$: 'onion' matches",
    '/has/header',
    true,
    200,
    [h],
    { 'x-flag': 'onion' },
  ),
  matcherCase(
    'has-header-name-case',
    'has header keys are case-insensitive',
    '/has/header',
    true,
    200,
    [h],
    { 'X-Flag': 'on' },
  ),
  matcherCase('has-cookie', 'has cookie without value: any value', '/has/cookie', true, 200, [h], {
    cookie: 'session=abc',
  }),
  matcherCase(
    'has-cookie-empty',
    'has cookie: an empty value counts as absent',
    '/has/cookie',
    false,
    200,
    [h],
    { cookie: 'session=' },
  ),
  matcherCase('has-cookie-absent', 'has cookie: no cookie, no proxy', '/has/cookie', false, 200, [
    h,
  ]),
  matcherCase('has-query-absent', 'has query: no query, no proxy', '/has/query', false, 200, [h]),
  matcherCase(
    'has-query-value',
    'has query value (?<mode>fast|slow): fast',
    '/has/query?mode=fast',
    true,
    200,
    [h],
  ),
  matcherCase(
    'has-query-whole-value',
    'has query value (?<mode>fast|slow): faster does not match',
    '/has/query?mode=faster',
    false,
    200,
    [h],
  ),
  matcherCase(
    'has-query-last-value',
    'has query: a repeated key is tested by its last value',
    '/has/query?mode=slow&mode=fast',
    true,
    200,
    [h],
  ),
  matcherCase(
    'has-query-last-value-miss',
    'has query: the last value x does not match',
    '/has/query?mode=fast&mode=x',
    false,
    200,
    [h],
  ),
  matcherCase(
    'has-host-miss',
    'has host localhost: Host example.com does not match',
    '/has/host',
    false,
    200,
    [h],
    { host: 'example.com' },
  ),
  matcherCase(
    'has-host',
    'has host localhost: Host localhost:3000 matches without the port',
    '/has/host',
    true,
    200,
    [h],
    { host: 'localhost:3000' },
  ),
  matcherCase(
    'missing-none',
    'missing: neither present, the proxy runs',
    '/has/missing',
    true,
    200,
    [h],
  ),
  matcherCase(
    'missing-header',
    'missing header present: no proxy',
    '/has/missing',
    false,
    200,
    [h],
    { 'x-skip': '1' },
  ),
  matcherCase(
    'missing-cookie-value',
    'missing cookie skip=yes present: no proxy',
    '/has/missing',
    false,
    200,
    [h],
    { cookie: 'skip=yes' },
  ),
  matcherCase(
    'missing-cookie-other-value',
    'missing cookie skip=yes, sent skip=no: the proxy runs',
    '/has/missing',
    true,
    200,
    [h],
    { cookie: 'skip=no' },
  ),
  matcherCase(
    'has-and-missing',
    'has header and missing query: both hold',
    '/has/both',
    true,
    200,
    [h],
    { 'x-a': '1' },
  ),
  matcherCase(
    'has-and-missing-fails',
    'has header and missing query: the query is there',
    '/has/both?b=1',
    false,
    200,
    [h],
    { 'x-a': '1' },
  ),
  matcherCase(
    'has-and-missing-no-header',
    'has header and missing query: no header',
    '/has/both',
    false,
    200,
    [h],
  ),
];

// ---------------------------------------------------------------- fixtures-middleware

const mw = [docs.middleware, docs.convention];
const middlewareCases: ConformanceCase[] = [
  matcherCase(
    'middleware-root',
    'src/middleware.ts runs; the negative lookahead matches /',
    '/',
    true,
    200,
    [...mw, docs.negative],
  ),
  matcherCase(
    'middleware-runs',
    'the deprecated src/middleware.ts with a default export runs',
    '/hello',
    true,
    200,
    mw,
  ),
  matcherCase('middleware-api-excluded', '(?!api) excludes /api/ping', '/api/ping', false, 200, [
    docs.negative,
  ]),
  matcherCase(
    'middleware-apix-excluded',
    '(?!api) also excludes /apix: the lookahead is not a segment',
    '/apix',
    false,
    200,
    [docs.negative],
  ),
  matcherCase(
    'middleware-api-docs-excluded',
    '(?!api) also excludes /api-docs',
    '/api-docs',
    false,
    200,
    [docs.negative],
  ),
  matcherCase(
    'middleware-not-found',
    'a 404 path runs the middleware',
    '/no-such-route',
    true,
    404,
    [docs.order],
  ),
  simple({
    id: 'middleware-rewrite',
    title: 'middleware rewrite: the destination route gets params from the new path',
    sources: [docs.rewrite, ...mw],
    seen: "200 from /new/[slug] with params { slug: 'thing' }, pathname /old/thing",
    path: '/old/thing',
    expect: { status: 200 },
    check: routeSaw({ pathname: '/old/thing', params: { slug: 'thing' } }),
  }),
  redirectCase('middleware-redirect', 'middleware redirect', '/go', 307, '/new/went', [
    docs.redirect,
    ...mw,
  ]),
  simple({
    id: 'middleware-auth-401',
    title: 'an auth check in the middleware answers 401 without the cookie',
    kind: 'error',
    sources: [docs.producing, ...mw],
    seen: '401 {"error":"unauthorized"}',
    path: '/private/x',
    expect: { status: 401, json: { error: 'unauthorized' } },
  }),
  simple({
    id: 'middleware-auth-passes',
    title: 'with the cookie the route sees the header the middleware added',
    sources: [docs.setHeaders, ...mw],
    seen: '200; the route sees x-user: t0k',
    path: '/private/x',
    headers: { cookie: 'token=t0k' },
    expect: { status: 200 },
    check: routeSaw({}, { 'x-user': 't0k' }),
  }),
  simple({
    id: 'middleware-cookies-merged',
    title: "the middleware's Set-Cookie first, then the route's",
    sources: [docs.cookies, ...mw],
    seen: 'Set-Cookie: from-middleware=1; Path=/ | route=1; Path=/',
    path: '/cookie?set-cookie=route=1',
    expect: {
      status: 200,
      headers: { 'set-cookie': ['from-middleware=1; Path=/', 'route=1; Path=/'] },
    },
  }),
  simple({
    id: 'middleware-throws',
    title: 'a throwing middleware answers 500 and logs the error',
    kind: 'error',
    sources: mw,
    seen: '500; the log shows Error: middleware failed on purpose',
    path: '/boom',
    expect: { status: 500 },
    log: /Error: middleware failed on purpose/,
  }),
];

// ---------------------------------------------------------------- fixtures-proxy-base

const b = [docs.basePath, docs.matcher];
const baseCases: ConformanceCase[] = [
  simple({
    id: 'base-root',
    title: "with basePath, the matcher '/' matches /base/; nextUrl has the base path apart",
    sources: b,
    seen: '200, x-proxy-pathname: /, x-proxy-basepath: /base',
    path: '/base/',
    expect: {
      status: 200,
      headers: { ...ran, 'x-proxy-pathname': '/', 'x-proxy-basepath': '/base' },
    },
  }),
  simple({
    id: 'base-matcher-without-base',
    title: 'matchers are written without the base path and match under it (trailingSlash: true)',
    sources: b,
    seen: '200, x-proxy-pathname: /about/x/',
    path: '/base/about/x/',
    expect: { status: 200, headers: { ...ran, 'x-proxy-pathname': '/about/x/' } },
  }),
  matcherCase(
    'base-outside',
    'a path outside the base path does not run the proxy',
    '/about/x/',
    false,
    404,
    b,
  ),
  simple({
    id: 'base-trailing-slash-before-proxy',
    title: 'trailingSlash: true adds the slash with a 308 before the proxy',
    kind: 'error',
    sources: [...b, docs.order],
    seen: '308, Location: /base/about/x/, no x-proxy',
    path: '/base/about/x',
    expect: { status: 308, headers: { location: '/base/about/x/', ...notRan } },
  }),
  matcherCase(
    'base-file-no-slash',
    'a file-like path keeps no slash and runs the proxy',
    '/base/about/file.txt',
    true,
    200,
    b,
  ),
  simple({
    id: 'base-rewrite-with-base',
    title: 'a rewrite URL must carry the base path',
    sources: [...b, docs.rewrite],
    seen: "200, route params { id: '1' }",
    path: '/base/rw/with-base/',
    expect: { status: 200 },
    check: routeSaw({ params: { id: '1' } }),
  }),
  matcherCase(
    'base-rewrite-without-base',
    'a rewrite URL without the base path ends in 404',
    '/base/rw/without-base/',
    true,
    404,
    [...b, docs.rewrite],
  ),
  simple({
    id: 'base-rewrite-next-url',
    title: 'request.nextUrl.clone() puts the base path back on a rewrite',
    sources: [...b, docs.rewrite],
    seen: "200, route params { id: '3' }",
    path: '/base/rw/next-url/',
    expect: { status: 200 },
    check: routeSaw({ params: { id: '3' } }),
  }),
  redirectCase(
    'base-redirect-next-url',
    'a redirect to a nextUrl clone carries the base path',
    '/base/go/',
    307,
    '/base/about/went/',
    [...b, docs.redirect],
  ),
  redirectCase(
    'base-redirect-plain-url',
    'a redirect to new URL(path, request.url) does not add it',
    '/base/go-plain/',
    307,
    '/about/plain/',
    [...b, docs.redirect],
  ),
  matcherCase(
    'base-locale-false',
    'an entry with locale: false matches as any other without i18n',
    '/base/nolocale/',
    true,
    404,
    b,
  ),
];

/** One proxy fixture project and its cases. */
export interface ProxyFixtureGroup {
  /** The project folder, relative to the package. */
  fixture: string;
  cases: readonly ConformanceCase[];
  /** What its next.config.mjs sets, for the targets that do not read it (approute's). */
  config?: { basePath?: string; trailingSlash?: boolean };
}

/** The cases of each proxy fixture project. */
export const proxyFixtureGroups: readonly ProxyFixtureGroup[] = [
  {
    fixture: 'fixtures-proxy',
    cases: [
      ...nextCases,
      ...rewriteCases,
      ...redirectCases,
      ...respondCases,
      ...laterCases,
      ...errorCases,
      ...matcherCases,
    ],
  },
  { fixture: 'fixtures-middleware', cases: middlewareCases },
  {
    fixture: 'fixtures-proxy-base',
    cases: baseCases,
    config: { basePath: '/base', trailingSlash: true },
  },
];

/** Every proxy case, in report order. */
export const proxyCases: readonly ConformanceCase[] = proxyFixtureGroups.flatMap(
  (group) => group.cases,
);
