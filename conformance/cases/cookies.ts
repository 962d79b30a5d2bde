import type { ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import { docs, observed, spec } from './sources.js';

const RULE = 'cookies(), headers() and the response';
const storeRule = spec(
  RULE,
  '`await cookies()` in a route handler is a ResponseCookies seeded with the request cookies: ' +
    "`get('a')` → `{ name: 'a', value: 'x', path: '/' }`; `getAll()` lists request cookies plus " +
    'those set or deleted in this request; `set` and `delete` return the store.',
);
const serialRule = spec(
  RULE,
  'Serialisation: `name=encodeURIComponent(value)`, then in this order, each only when given: ' +
    '`Path` (default `/`; an empty path suppresses it), `Expires`, `Max-Age`, `Domain`, ' +
    '`Secure`, `HttpOnly`, `SameSite=<as given>`, `Partitioned`, `Priority=<as given>`.',
);
const orderRule = spec(
  RULE,
  'Only names passed to `set`/`delete` become `Set-Cookie` fields, in store order: ' +
    'request-cookie names first (request order), then new names. Each is its own field, never ' +
    'comma-joined.',
);
const mergeRule = spec(
  RULE,
  "Merging with the returned Response: on a name clash the Response's own cookie wins; the " +
    "Response's cookies come first, then store-only names.",
);
const rawRule = spec(
  RULE,
  "**Divergence (approute)**: the Response's own `Set-Cookie` fields are kept byte for byte " +
    '(Next.js re-serialises them when the store was changed: adds `Path=/`, drops unknown ' +
    'attributes, collapses duplicate names).',
);
const controlRule = spec(
  RULE,
  "`redirect()`/`permanentRedirect()` answers carry the store's cookies; `notFound()` and " +
    'errors (500) drop them.',
);
const EPOCH = 'Expires=Thu, 01 Jan 1970 00:00:00 GMT';
const AFTER_SET_ERROR = new RegExp(
  String.raw`^\w*Error: Cookies can only be modified in a Server Action or Route Handler\. ` +
    String.raw`Read more: https:\/\/nextjs\.org\/docs\/app\/api-reference\/functions\/` +
    'cookies#options$',
);

// `id` is `cookies/serialise-<variant>`; the fixture route sets the cookies of that variant.
function serialise(
  id: string,
  title: string,
  setCookie: string | readonly string[],
): ConformanceCase {
  const variant = id.slice('cookies/serialise-'.length);
  return {
    id,
    title,
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.cookies,
      docs.cookieOptions,
      serialRule,
      observed(`Set-Cookie: ${typeof setCookie === 'string' ? setCookie : setCookie.join(' | ')}`),
    ],
    request: { path: `/cookies/serialise?v=${variant}` },
    expect: { status: 200, headers: { 'set-cookie': setCookie }, body: variant },
  };
}

export const cookieCases: ConformanceCase[] = [
  {
    id: 'cookies/store-get',
    title: 'cookies().get returns the request cookie with path "/"; a missing name is undefined',
    rule: RULE,
    kind: 'happy',
    sources: [docs.cookies, storeRule],
    request: { path: '/cookies/store?op=get', headers: { cookie: 'a=x; b=y' } },
    expect: {
      status: 200,
      json: { a: { name: 'a', value: 'x', path: '/' }, missing: null, has: true },
    },
  },
  {
    id: 'cookies/store-get-none',
    title: 'cookies() without a cookie header has nothing',
    rule: RULE,
    kind: 'error',
    sources: [storeRule],
    request: { path: '/cookies/store?op=get' },
    expect: { status: 200, json: { a: null, missing: null, has: false } },
  },
  {
    id: 'cookies/store-get-all',
    title:
      'cookies().getAll lists request cookies then those set; a deleted one has value "" and ' +
      'the 1970 expiry',
    rule: RULE,
    kind: 'happy',
    sources: [storeRule],
    request: { path: '/cookies/store?op=getAll', headers: { cookie: 'a=x; c=old' } },
    expect: {
      status: 200,
      headers: { 'set-cookie': [`c=; Path=/; ${EPOCH}`, 'b=1; Path=/'] },
      json: {
        all: [
          { name: 'a', value: 'x', path: '/' },
          { name: 'c', value: '', expires: '1970-01-01T00:00:00.000Z', path: '/' },
          { name: 'b', value: '1', path: '/' },
        ],
      },
    },
  },
  {
    id: 'cookies/store-returns-itself',
    title: 'cookies().set and delete return the store',
    rule: RULE,
    kind: 'happy',
    sources: [storeRule],
    request: { path: '/cookies/store?op=returns' },
    expect: {
      status: 200,
      headers: { 'set-cookie': ['r=1; Path=/', `r2=; Path=/; ${EPOCH}`] },
      json: { set: true, delete: true },
    },
  },
  {
    id: 'cookies/set-cookie-order',
    title:
      'Set-Cookie fields follow store order: request cookie names in request order, then new names',
    rule: RULE,
    kind: 'happy',
    sources: [orderRule],
    request: { path: '/cookies/store?op=order', headers: { cookie: 'z=1; a=2; m=3' } },
    expect: {
      status: 200,
      headers: { 'set-cookie': ['z=y; Path=/', 'a=x; Path=/', 'new=1; Path=/'] },
      body: 'order',
    },
  },
  {
    id: 'cookies/read-only-no-set-cookie',
    title: 'reading cookies() without set or delete sends no Set-Cookie',
    rule: RULE,
    kind: 'happy',
    sources: [orderRule],
    request: { path: '/cookies/store?op=untouched', headers: { cookie: 'a=1' } },
    expect: { status: 200, headers: { 'set-cookie': null }, body: 'untouched' },
  },
  serialise('cookies/serialise-basic', "set('b', '1') serialises as b=1; Path=/", 'b=1; Path=/'),
  serialise(
    'cookies/serialise-delete',
    "delete('c') serialises with an empty value and the 1970 expiry",
    `c=; Path=/; ${EPOCH}`,
  ),
  serialise(
    'cookies/serialise-encoded',
    'values are encodeURIComponent-encoded',
    'enc=a%20b%3B%E2%82%AC%2C%3D; Path=/',
  ),
  serialise(
    'cookies/serialise-full',
    'every option, in the documented order',
    'full=v; Path=/p; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Domain=example.test; Secure; ' +
      'HttpOnly; SameSite=lax; Partitioned; Priority=high',
  ),
  serialise(
    'cookies/serialise-max-age-zero',
    'maxAge: 0 gives Max-Age=0 and no Expires',
    'm0=1; Path=/; Max-Age=0',
  ),
  serialise('cookies/serialise-empty-path', "path: '' suppresses the Path attribute", 'e=1'),
  serialise(
    'cookies/serialise-twice',
    'setting a name twice keeps one cookie, the last value',
    't=2; Path=/',
  ),
  serialise(
    'cookies/serialise-same-site-strict',
    'sameSite is written as given, after Secure',
    's=1; Path=/; Secure; SameSite=strict',
  ),
  serialise('cookies/serialise-three', 'each cookie is its own Set-Cookie field', [
    'x=1; Path=/',
    'y=2; Path=/; HttpOnly',
    'z=3; Path=/z',
  ]),
  serialise(
    'cookies/serialise-set-then-delete',
    'set then delete of one name leaves only the deletion',
    `gone=; Path=/; ${EPOCH}`,
  ),
  {
    id: 'cookies/serialise-max-age',
    title: 'maxAge: 60 gives Max-Age=60 and Expires = now + 60 s',
    rule: RULE,
    kind: 'happy',
    sources: [docs.cookieOptions, serialRule],
    request: { path: '/cookies/serialise?v=max-age' },
    expect: {
      status: 200,
      headers: {
        'set-cookie': new RegExp(
          String.raw`^m=1; Path=\/; Expires=[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} ` +
            String.raw`\d{2}:\d{2}:\d{2} GMT; Max-Age=60$`,
        ),
      },
    },
    check(response) {
      const expires = /Expires=([^;]+)/.exec(response.header('set-cookie') ?? '')?.[1] ?? '';
      const delta = Date.parse(expires) - Date.now();
      ensure(delta > 50_000 && delta < 70_000, `Expires ${expires} is not about 60 s from now`);
    },
  },
  {
    id: 'cookies/merge-clash',
    title:
      "the Response's own cookie wins a name clash; its cookies come first, then store-only names",
    rule: RULE,
    kind: 'happy',
    sources: [
      mergeRule,
      observed(
        'Set-Cookie: shared=response; Path=/ | responseOnly=r; Path=/ | storeOnly=s; Path=/',
      ),
    ],
    request: { path: '/cookies/merge?v=clash' },
    expect: {
      status: 200,
      headers: {
        'set-cookie': ['shared=response; Path=/', 'responseOnly=r; Path=/', 'storeOnly=s; Path=/'],
      },
      body: 'clash',
    },
  },
  {
    id: 'cookies/merge-response-untouched',
    title: "with an unchanged store the Response's Set-Cookie fields go out as written",
    rule: RULE,
    kind: 'happy',
    sources: [mergeRule, observed('Set-Cookie: raw=1; Foo=bar | dup=1; Path=/a | dup=2; Path=/b')],
    request: { path: '/cookies/merge?v=response-only' },
    expect: {
      status: 200,
      headers: { 'set-cookie': ['raw=1; Foo=bar', 'dup=1; Path=/a', 'dup=2; Path=/b'] },
    },
  },
  {
    id: 'cookies/merge-raw-kept',
    title:
      "when the store changed, the Response's own Set-Cookie fields are still kept byte for byte",
    rule: RULE,
    kind: 'happy',
    sources: [
      rawRule,
      observed('Set-Cookie: raw=1; Path=/ | dup=2; Path=/b | storeOnly=s; Path=/'),
    ],
    divergence:
      "a handler's own Set-Cookie field is its business; Next.js re-serialises it (adds " +
      'Path=/, drops unknown attributes, collapses duplicate names)',
    request: { path: '/cookies/merge?v=raw' },
    expect: {
      status: 200,
      headers: {
        'set-cookie': ['raw=1; Foo=bar', 'dup=1; Path=/a', 'dup=2; Path=/b', 'storeOnly=s; Path=/'],
      },
    },
    nextjs: {
      status: 200,
      headers: { 'set-cookie': ['raw=1; Path=/', 'dup=2; Path=/b', 'storeOnly=s; Path=/'] },
    },
  },
  {
    id: 'cookies/next-response-cookies',
    title: 'NextResponse cookies.set and delete become Set-Cookie fields',
    rule: RULE,
    kind: 'happy',
    sources: [docs.nextResponse, spec(RULE, '`response.cookies` behaves as above')],
    request: { path: '/next-response/cookies' },
    expect: {
      status: 200,
      headers: {
        'set-cookie': [
          'rc=v%201; Path=/; HttpOnly',
          'rc2=2; Path=/x; SameSite=strict',
          `gone=; Path=/; ${EPOCH}`,
        ],
      },
      json: { ok: true },
    },
  },
  {
    id: 'cookies/redirect-carries',
    title: 'a redirect() answer carries the cookies set in the store',
    rule: RULE,
    kind: 'happy',
    sources: [controlRule, observed('307, Location: /hello, Set-Cookie: flash=saved; Path=/')],
    request: { path: '/cookies/redirect' },
    expect: {
      status: 307,
      headers: { location: '/hello', 'set-cookie': 'flash=saved; Path=/' },
      body: '',
    },
  },
  {
    id: 'cookies/permanent-redirect-carries',
    title: 'a permanentRedirect() answer carries the cookies set in the store',
    rule: RULE,
    kind: 'happy',
    sources: [controlRule],
    request: { path: '/cookies/redirect?permanent' },
    expect: {
      status: 308,
      headers: { location: '/hello', 'set-cookie': 'flash=saved; Path=/' },
      body: '',
    },
  },
  {
    id: 'cookies/not-found-drops',
    title: 'notFound() drops the cookies set in the store',
    rule: RULE,
    kind: 'error',
    sources: [controlRule, observed('404, no Set-Cookie')],
    request: { path: '/cookies/not-found' },
    expect: { status: 404, headers: { 'set-cookie': null }, body: '' },
  },
  {
    id: 'cookies/error-drops',
    title: 'a handler error (500) drops the cookies set in the store',
    rule: RULE,
    kind: 'error',
    sources: [controlRule, observed('500, no Set-Cookie')],
    request: { path: '/cookies/throw' },
    expect: { status: 500, headers: { 'set-cookie': null }, body: '' },
  },
  {
    id: 'cookies/set-in-after-throws',
    title: 'cookies().set inside an after() callback throws',
    rule: RULE,
    kind: 'error',
    sources: [
      docs.after,
      spec(
        RULE,
        '`cookies().set` inside an `after()` callback throws `Cookies can only be modified in ' +
          'a Server Action or Route Handler. …`',
      ),
    ],
    async run({ send, uniqueId, sleep }) {
      const id = uniqueId();
      const response = await send({ path: `/cookies/after?id=${id}` });
      const setCookie = response.header('set-cookie');
      ensure(
        response.status === 200 && setCookie === undefined,
        `expected 200 without Set-Cookie, got ${response.status} ${String(setCookie)}`,
      );
      let events: string[] = [];
      for (let i = 0; i < 40 && events.length === 0; i++) {
        await sleep(50);
        events = ((await send({ path: `/state?id=${id}` })).json() as { events: string[] }).events;
      }
      ensure(
        events.length === 1 && AFTER_SET_ERROR.test(events[0] ?? ''),
        'after() callback: expected an error "Cookies can only be modified in a Server Action ' +
          `or Route Handler. …", got ${JSON.stringify(events)}`,
      );
    },
  },
];
