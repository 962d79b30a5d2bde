import type { ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import { JSON_TYPE } from './helpers.js';
import { docs, observed, spec, tests } from './sources.js';

const RULE = 'Request';
const nextUrlRule = spec(
  RULE,
  '`nextUrl` (NextURL: `pathname`, `search`, `searchParams`, `hash`, `host`, `hostname`, ' +
    "`port`, `protocol`, `origin`, `href`, `basePath`, `buildId` undefined, `locale` `''`, " +
    '`defaultLocale` undefined, `clone()`, `toString()`/`toJSON()` give `href`)',
);
const cookieRule = spec(
  RULE,
  "Request cookies: split on `;`; a pair without `=` has value `'true'`; values " +
    '`decodeURIComponent`-decoded, a pair that fails to decode is dropped; duplicate names: ' +
    'last wins.',
);
const cookieApi = spec(
  RULE,
  "RequestCookies: `get`, `getAll`, `has`, `set` (rewrites the request's `cookie` header), " +
    '`delete`, `clear`, `size`, iteration, `toString()`. Entries carry only `name` and `value`.',
);
const bodyRule = spec(
  RULE,
  'Bodies: GET and HEAD have `body === null`; `json()` on bad JSON rejects with ' +
    '`SyntaxError`; `formData()` reads urlencoded and multipart (files as `File`); reading ' +
    'twice throws.',
);
const originRule = spec(
  RULE,
  '**Divergence (approute)**: `request.url` takes its origin from the `Host` header (and TLS); ' +
    '`X-Forwarded-Host`/`-Proto`/`-For` count only when the server is told to trust a proxy; ' +
    'the query is passed through as received (Next.js uses its own listen address, rewrites ' +
    'loopback hosts to `localhost`, re-serialises the query, and injects `x-forwarded-*` ' +
    'request headers).',
);

interface UrlEcho {
  url: string;
  pathname: string;
  search: string;
  searchParams: [string, string][];
  hash: string;
  host: string;
  hostname: string;
  port: string;
  protocol: string;
  origin: string;
  href: string;
}

const url = (body: unknown) => body as UrlEcho;

const MULTIPART = [
  '--XyZ',
  'Content-Disposition: form-data; name="field"',
  '',
  'value',
  '--XyZ',
  'Content-Disposition: form-data; name="upload"; filename="hello.txt"',
  'Content-Type: text/plain',
  '',
  'hello file',
  '--XyZ--',
  '',
].join('\r\n');

function bodyRead(
  id: string,
  title: string,
  method: string,
  query: string,
  body: string,
  json: unknown,
  kind: 'happy' | 'error' = 'happy',
  headers?: Record<string, string>,
): ConformanceCase {
  return {
    id,
    title,
    rule: RULE,
    kind,
    sources: [
      docs.requestBody,
      bodyRule,
      tests.body,
      observed(`${method} /request/body${query} → ${JSON.stringify(json)}`),
    ],
    request: { method, path: `/request/body${query}`, body, headers },
    expect: { status: kind === 'happy' ? 200 : 400, headers: { 'content-type': JSON_TYPE }, json },
  };
}

export const requestCases: ConformanceCase[] = [
  {
    id: 'request/instance',
    title: 'the first argument is a Request with cookies and nextUrl, and no ip or geo',
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.request,
      docs.nextRequest,
      spec(
        RULE,
        'The first argument is a `NextRequest`: `instanceof Request`, with `cookies` ' +
          '(RequestCookies) and `nextUrl` … No `ip`, no `geo`.',
      ),
    ],
    request: { path: '/request/instance' },
    expect: {
      status: 200,
      jsonIncludes: {
        isRequest: true,
        method: 'GET',
        hasCookies: true,
        hasIp: false,
        hasGeo: false,
        bodyIsNull: true,
        bodyUsed: false,
      },
    },
  },
  {
    id: 'request/next-url-path-and-query',
    title: 'nextUrl.pathname, search and searchParams describe the request',
    rule: RULE,
    kind: 'happy',
    sources: [docs.nextRequest, nextUrlRule],
    request: { path: '/request/url?a=1&b=two' },
    expect: {
      status: 200,
      jsonIncludes: {
        pathname: '/request/url',
        search: '?a=1&b=two',
        searchParams: [
          ['a', '1'],
          ['b', 'two'],
        ],
        hash: '',
      },
    },
  },
  {
    id: 'request/next-url-search-params-decoded',
    title: 'nextUrl.searchParams decodes + and %20 to spaces and gives a bare key an empty value',
    rule: RULE,
    kind: 'happy',
    sources: [
      nextUrlRule,
      observed('?a=1&b=%20x&c&d=a+b → [["a","1"],["b"," x"],["c",""],["d","a b"]]'),
    ],
    request: { path: '/request/url?a=1&b=%20x&c&d=a+b' },
    expect: {
      status: 200,
      jsonIncludes: {
        searchParams: [
          ['a', '1'],
          ['b', ' x'],
          ['c', ''],
          ['d', 'a b'],
        ],
      },
    },
  },
  {
    id: 'request/next-url-members-consistent',
    title:
      'nextUrl.href equals request.url and origin, host, hostname, port and protocol agree with it',
    rule: RULE,
    kind: 'happy',
    sources: [nextUrlRule],
    request: { path: '/request/url?q=1' },
    expect: { status: 200 },
    check(response) {
      const u = url(response.json());
      const parsed = new URL(u.url);
      ensure(u.href === u.url, `href ${u.href} !== url ${u.url}`);
      ensure(
        parsed.pathname === '/request/url' && parsed.search === '?q=1',
        `request.url ${u.url} lacks the path and query`,
      );
      ensure(
        u.origin === parsed.origin && u.origin === `${u.protocol}//${u.host}`,
        `origin ${u.origin} does not agree with ${u.protocol}//${u.host}`,
      );
      ensure(
        u.host === (u.port ? `${u.hostname}:${u.port}` : u.hostname),
        `host ${u.host} is not hostname:port`,
      );
      ensure(u.protocol === 'http:', `protocol: expected http:, got ${u.protocol}`);
    },
  },
  {
    id: 'request/next-url-next-members',
    title:
      'nextUrl.basePath is "", buildId and defaultLocale are undefined, locale is ""; ' +
      'toString, toJSON and clone work',
    rule: RULE,
    kind: 'happy',
    sources: [docs.nextRequest, nextUrlRule],
    request: { path: '/request/url' },
    expect: {
      status: 200,
      jsonIncludes: {
        basePath: '',
        buildIdType: 'undefined',
        locale: '',
        defaultLocaleType: 'undefined',
        toString: true,
        toJSON: true,
        cloneIsCopy: true,
      },
    },
  },
  {
    id: 'request/headers-pass-through',
    title: 'request headers reach the handler, case-insensitively',
    rule: RULE,
    kind: 'happy',
    sources: [docs.request, tests.hooks],
    request: { path: '/request/headers', headers: { 'X-Custom': 'hello', 'x-multi': 'one' } },
    expect: { status: 200, jsonIncludes: { custom: 'hello', customUpper: 'hello', multi: 'one' } },
  },
  {
    id: 'request/url-origin-from-host',
    title: 'request.url takes its origin from the Host header',
    rule: RULE,
    kind: 'happy',
    sources: [
      originRule,
      observed('Host: example.test:8080 → request.url http://localhost:<port>/request/url'),
    ],
    divergence:
      'the origin the client addressed is the one in Host; Next.js reports its own listen address',
    request: { path: '/request/url', headers: { host: 'example.test:8080' } },
    expect: {
      status: 200,
      jsonIncludes: {
        url: 'http://example.test:8080/request/url',
        host: 'example.test:8080',
        hostname: 'example.test',
        port: '8080',
        origin: 'http://example.test:8080',
      },
    },
  },
  {
    id: 'request/query-passed-through',
    title: 'the query reaches request.url exactly as received',
    rule: RULE,
    kind: 'happy',
    sources: [originRule, observed('?a=1&b=%20x&c → request.url …?a=1&b=+x&c= (re-serialised)')],
    divergence: "the query is the client's text; Next.js re-serialises it (%20 → +, c → c=)",
    request: { path: '/request/url?a=1&b=%20x&c' },
    expect: { status: 200 },
    check(response) {
      const u = url(response.json());
      ensure(
        u.url.endsWith('/request/url?a=1&b=%20x&c'),
        `request.url: expected to end with ?a=1&b=%20x&c, got ${u.url}`,
      );
      ensure(
        u.search === '?a=1&b=%20x&c',
        `nextUrl.search: expected ?a=1&b=%20x&c, got ${u.search}`,
      );
    },
  },
  {
    id: 'request/forwarded-proto-untrusted',
    title: 'X-Forwarded-Proto does not change request.url unless the server trusts a proxy',
    rule: RULE,
    kind: 'error',
    sources: [originRule, observed('X-Forwarded-Proto: https → request.url https://…')],
    divergence:
      'a forwarded header is only as trustworthy as the proxy; Next.js believes it from anyone',
    request: {
      path: '/request/url',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'proxy.test' },
    },
    expect: { status: 200, jsonIncludes: { protocol: 'http:' } },
    check(response) {
      const u = url(response.json());
      ensure(
        !u.url.includes('proxy.test'),
        `request.url must ignore X-Forwarded-Host, got ${u.url}`,
      );
    },
  },
  {
    id: 'request/no-injected-forwarded-headers',
    title: 'the handler sees no x-forwarded-* headers the client did not send',
    rule: RULE,
    kind: 'happy',
    sources: [
      originRule,
      observed('x-forwarded-host, x-forwarded-proto and x-forwarded-for are injected'),
    ],
    divergence: "the request is the client's; Next.js injects x-forwarded-* headers",
    request: { path: '/request/headers' },
    expect: { status: 200, jsonIncludes: { forwarded: { host: null, proto: null, for: null } } },
  },
  {
    id: 'request/cookies-parse',
    title:
      'request.cookies: last duplicate wins, a bare name is "true", values are decoded, ' +
      'undecodable pairs are dropped',
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.nextRequest,
      cookieRule,
      observed('cookie a=1; flag; b=%E2%82%AC; bad=%ZZ; a=2; c=x%3Dy → a=2, flag=true, b=€, c=x=y'),
    ],
    request: {
      path: '/request/cookies',
      headers: { cookie: 'a=1; flag; b=%E2%82%AC; bad=%ZZ; a=2; c=x%3Dy' },
    },
    expect: {
      status: 200,
      json: {
        all: [
          { name: 'a', value: '2' },
          { name: 'flag', value: 'true' },
          { name: 'b', value: '€' },
          { name: 'c', value: 'x=y' },
        ],
        size: 4,
        a: { name: 'a', value: '2' },
        hasA: true,
        hasMissing: false,
        allA: [{ name: 'a', value: '2' }],
        iterated: [
          ['a', '2'],
          ['flag', 'true'],
          ['b', '€'],
          ['c', 'x=y'],
        ],
        string: 'a=2; flag=true; b=%E2%82%AC; c=x%3Dy',
      },
    },
  },
  {
    id: 'request/cookies-set',
    title: "request.cookies.set returns the store and rewrites the request's cookie header",
    rule: RULE,
    kind: 'happy',
    sources: [docs.nextRequest, cookieApi],
    request: { path: '/request/cookies?op=set', headers: { cookie: 'a=1; z=2' } },
    expect: {
      status: 200,
      json: {
        returnsStore: true,
        header: 'a=1; z=2; added=v%201; other=x',
        all: [
          { name: 'a', value: '1' },
          { name: 'z', value: '2' },
          { name: 'added', value: 'v 1' },
          { name: 'other', value: 'x' },
        ],
        string: 'a=1; z=2; added=v%201; other=x',
      },
    },
  },
  {
    id: 'request/cookies-delete',
    title: 'request.cookies.delete reports whether the name existed and rewrites the cookie header',
    rule: RULE,
    kind: 'happy',
    sources: [docs.nextRequest, cookieApi],
    request: { path: '/request/cookies?op=delete', headers: { cookie: 'a=1; z=2' } },
    expect: {
      status: 200,
      json: { deleted: true, missing: false, header: 'z=2', all: [{ name: 'z', value: '2' }] },
    },
  },
  {
    id: 'request/cookies-clear',
    title: 'request.cookies.clear empties the store and the cookie header',
    rule: RULE,
    kind: 'happy',
    sources: [docs.nextRequest, cookieApi],
    request: { path: '/request/cookies?op=clear', headers: { cookie: 'a=1; z=2' } },
    expect: { status: 200, json: { size: 0, header: '', all: [] } },
  },
  {
    id: 'request/cookies-proto-names',
    title: '__proto__ and constructor are ordinary cookie names',
    rule: RULE,
    kind: 'happy',
    sources: [cookieApi, observed('cookie __proto__=p; constructor=c → two entries')],
    request: { path: '/request/cookies', headers: { cookie: '__proto__=p; constructor=c' } },
    expect: {
      status: 200,
      jsonIncludes: {
        all: [
          { name: '__proto__', value: 'p' },
          { name: 'constructor', value: 'c' },
        ],
        size: 2,
        string: '__proto__=p; constructor=c',
      },
    },
  },
  {
    id: 'request/cookies-none',
    title: 'without a cookie header request.cookies is empty',
    rule: RULE,
    kind: 'error',
    sources: [cookieApi],
    request: { path: '/request/cookies' },
    expect: {
      status: 200,
      json: {
        all: [],
        size: 0,
        a: null,
        hasA: false,
        hasMissing: false,
        allA: [],
        iterated: [],
        string: '',
      },
    },
  },
  {
    id: 'request/cookies-only-undecodable',
    title: 'a cookie header whose only pair fails to decode gives an empty store',
    rule: RULE,
    kind: 'error',
    sources: [cookieRule],
    request: { path: '/request/cookies', headers: { cookie: 'bad=%ZZ' } },
    expect: { status: 200, jsonIncludes: { all: [], size: 0 } },
  },
  {
    id: 'request/cookies-undecodable-dropped',
    title: 'a cookie pair whose value fails to decode is dropped, the others kept',
    rule: RULE,
    kind: 'error',
    sources: [cookieRule, observed('cookie a=%ZZ ok; b=2 → only b')],
    request: { path: '/request/cookies', headers: { cookie: 'a=%ZZ ok; b=2' } },
    expect: {
      status: 200,
      jsonIncludes: { all: [{ name: 'b', value: '2' }], size: 1, a: null, hasA: false },
    },
  },
  {
    id: 'request/cookies-empty-pairs',
    title: 'a cookie header of empty pairs gives an empty store',
    rule: RULE,
    kind: 'error',
    sources: [cookieRule, observed('cookie ";; ;" → no cookies')],
    request: { path: '/request/cookies', headers: { cookie: ';; ;' } },
    expect: { status: 200, jsonIncludes: { all: [], size: 0, string: '' } },
  },
  {
    id: 'request/cookies-comma-not-separator',
    title: 'a comma does not separate request cookies',
    rule: RULE,
    kind: 'error',
    sources: [cookieRule, observed('cookie "a=1, b=2" → a = "1, b=2"')],
    request: { path: '/request/cookies', headers: { cookie: 'a=1, b=2' } },
    expect: { status: 200, jsonIncludes: { all: [{ name: 'a', value: '1, b=2' }], size: 1 } },
  },
  {
    id: 'request/form-urlencoded-odd',
    title:
      'request.formData() keeps an undecodable escape literally and accepts empty names and values',
    rule: RULE,
    kind: 'error',
    sources: [bodyRule, observed('a=%ZZ&=empty&c → [a "%ZZ", "" "empty", c ""]')],
    request: {
      method: 'POST',
      path: '/request/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=%ZZ&=empty&c',
    },
    expect: {
      status: 200,
      json: {
        entries: [
          { name: 'a', value: '%ZZ' },
          { name: '', value: 'empty' },
          { name: 'c', value: '' },
        ],
      },
    },
  },
  {
    id: 'request/get-body-null',
    title: 'a GET request has body === null',
    rule: RULE,
    kind: 'happy',
    sources: [bodyRule],
    request: { path: '/request/body' },
    expect: {
      status: 200,
      headers: { 'x-body-null': 'true' },
      json: { bodyIsNull: true, text: '' },
    },
  },
  {
    id: 'request/head-body-null',
    title: 'a HEAD request (through GET) has body === null',
    rule: RULE,
    kind: 'happy',
    sources: [bodyRule],
    request: { method: 'HEAD', path: '/request/body' },
    expect: { status: 200, headers: { 'x-body-null': 'true' }, body: '' },
  },
  bodyRead(
    'request/body-json',
    'request.json() parses a JSON body',
    'POST',
    '?read=json',
    '{"a":[1,2]}',
    { json: { a: [1, 2] } },
    'happy',
    { 'content-type': 'application/json' },
  ),
  bodyRead('request/body-text', 'request.text() reads the body', 'POST', '', 'plain text', {
    text: 'plain text',
    contentType: null,
  }),
  bodyRead(
    'request/body-bytes',
    'request.arrayBuffer() counts bytes, not characters',
    'POST',
    '?read=bytes',
    'abcd€',
    { length: 7 },
  ),
  bodyRead('request/body-put', 'a PUT body is readable', 'PUT', '', 'put text', {
    text: 'put text',
    contentType: null,
  }),
  bodyRead(
    'request/body-delete-json',
    'a DELETE request may carry a JSON body',
    'DELETE',
    '?read=json',
    '{"name":"x"}',
    { json: { name: 'x' } },
  ),
  bodyRead('request/body-patch', 'a PATCH body is readable', 'PATCH', '', 'patch text', {
    text: 'patch text',
    contentType: null,
  }),
  {
    id: 'request/body-json-invalid',
    title: 'request.json() on invalid JSON rejects with a SyntaxError',
    rule: RULE,
    kind: 'error',
    sources: [bodyRule],
    request: {
      method: 'POST',
      path: '/request/body?read=json',
      body: '{bad',
      headers: { 'content-type': 'application/json' },
    },
    expect: { status: 400, jsonIncludes: { error: { name: 'SyntaxError' } } },
  },
  {
    id: 'request/body-json-empty',
    title: 'request.json() on an empty body rejects with a SyntaxError',
    rule: RULE,
    kind: 'error',
    sources: [bodyRule, observed('"Unexpected end of JSON input"')],
    request: { method: 'POST', path: '/request/body?read=json', body: '' },
    expect: { status: 400, jsonIncludes: { error: { name: 'SyntaxError' } } },
  },
  {
    id: 'request/body-json-undefined',
    title: 'request.json() on the text "undefined" rejects with a SyntaxError',
    rule: RULE,
    kind: 'error',
    sources: [bodyRule],
    request: { method: 'POST', path: '/request/body?read=json', body: 'undefined' },
    expect: { status: 400, jsonIncludes: { error: { name: 'SyntaxError' } } },
  },
  {
    id: 'request/body-read-twice',
    title: 'reading the body twice throws a TypeError, and bodyUsed is true',
    rule: RULE,
    kind: 'error',
    sources: [bodyRule],
    request: { method: 'POST', path: '/request/body?read=twice', body: 'abc' },
    expect: { status: 200, jsonIncludes: { bodyUsed: true, second: { name: 'TypeError' } } },
  },
  {
    id: 'request/form-urlencoded',
    title: 'request.formData() reads an urlencoded body, repeated names in order',
    rule: RULE,
    kind: 'happy',
    sources: [docs.requestBody, bodyRule],
    request: {
      method: 'POST',
      path: '/request/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1&b=two+words&a=%E2%82%AC',
    },
    expect: {
      status: 200,
      json: {
        entries: [
          { name: 'a', value: '1' },
          { name: 'b', value: 'two words' },
          { name: 'a', value: '€' },
        ],
      },
    },
  },
  {
    id: 'request/form-multipart',
    title: 'request.formData() reads a multipart body, with files as File objects',
    rule: RULE,
    kind: 'happy',
    sources: [docs.requestBody, bodyRule],
    request: {
      method: 'POST',
      path: '/request/form',
      headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
      body: MULTIPART,
    },
    expect: {
      status: 200,
      json: {
        entries: [
          { name: 'field', value: 'value' },
          {
            name: 'upload',
            file: 'hello.txt',
            type: 'text/plain',
            size: 10,
            isFile: true,
            text: 'hello file',
          },
        ],
      },
    },
  },
  {
    id: 'request/form-wrong-content-type',
    title: 'request.formData() on a text/plain body rejects with a TypeError',
    rule: RULE,
    kind: 'error',
    sources: [
      bodyRule,
      observed(
        'TypeError "Content-Type was not one of "multipart/form-data" or ' +
          '"application/x-www-form-urlencoded"."',
      ),
    ],
    request: {
      method: 'POST',
      path: '/request/form',
      headers: { 'content-type': 'text/plain' },
      body: 'a=1',
    },
    expect: { status: 400, jsonIncludes: { error: { name: 'TypeError' } } },
  },
  {
    id: 'request/form-json-content-type',
    title: 'request.formData() on a JSON body rejects with a TypeError',
    rule: RULE,
    kind: 'error',
    sources: [bodyRule],
    request: {
      method: 'POST',
      path: '/request/form',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    },
    expect: { status: 400, jsonIncludes: { error: { name: 'TypeError' } } },
  },
  {
    id: 'request/form-no-content-type',
    title: 'request.formData() without a content type rejects with a TypeError',
    rule: RULE,
    kind: 'error',
    sources: [bodyRule],
    request: { method: 'POST', path: '/request/form', body: 'a=1' },
    expect: { status: 400, jsonIncludes: { error: { name: 'TypeError' } } },
  },
  {
    id: 'request/form-multipart-garbage',
    title: 'request.formData() on a malformed multipart body rejects with a TypeError',
    rule: RULE,
    kind: 'error',
    sources: [bodyRule, observed('TypeError "Failed to parse body as FormData."')],
    request: {
      method: 'POST',
      path: '/request/form',
      headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
      body: 'garbage',
    },
    expect: { status: 400, jsonIncludes: { error: { name: 'TypeError' } } },
  },
  {
    id: 'request/form-multipart-wrong-boundary',
    title: 'request.formData() on a multipart body with another boundary rejects with a TypeError',
    rule: RULE,
    kind: 'error',
    sources: [bodyRule],
    request: {
      method: 'POST',
      path: '/request/form',
      headers: { 'content-type': 'multipart/form-data; boundary=Other' },
      body: MULTIPART,
    },
    expect: { status: 400, jsonIncludes: { error: { name: 'TypeError' } } },
  },
  {
    id: 'request/body-stream-echo',
    title: 'request.body is a stream that can be piped back as the response body',
    rule: RULE,
    kind: 'happy',
    sources: [tests.body],
    request: { method: 'POST', path: '/request/stream', body: 'streamed body' },
    expect: {
      status: 200,
      headers: { 'content-type': 'application/octet-stream' },
      body: 'streamed body',
    },
  },
  {
    id: 'request/body-stream-large',
    title: 'a 1 MiB request body streams back byte for byte',
    rule: RULE,
    kind: 'happy',
    sources: [tests.body],
    request: { method: 'POST', path: '/request/stream', body: 'x'.repeat(1024 * 1024) },
    expect: { status: 200 },
    check(response) {
      ensure(
        response.body.length === 1024 * 1024,
        `body length: expected 1048576, got ${response.body.length}`,
      );
    },
  },
];
