import type { ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import { JSON_TYPE } from './helpers.js';
import { docs, observed, spec, tests } from './sources.js';

const RULE = 'cookies(), headers() and the response';
const headersRule = spec(
  RULE,
  '`headers()` is read-only: `set`, `append`, `delete` throw `Headers cannot be modified. ' +
    'Read more: https://nextjs.org/docs/app/api-reference/functions/headers`.',
);
const redirectRule = spec(
  RULE,
  '`NextResponse.redirect(url, init)`: default 307, status must be 301/302/303/307/308 (else ' +
    '`RangeError`), URL must be absolute (else an error: `URL is malformed "<url>". Please use ' +
    'only absolute URLs - …`)',
);
const navRule = spec(
  RULE,
  '`redirect(url)` from `next/navigation` → 307 with `Location` exactly as given (relative ' +
    'stays relative), empty body; `permanentRedirect` → 308; `notFound()` → 404, empty body.',
);
const afterRule = spec(
  RULE,
  '`after(fn)`: runs after the response is sent, also when the handler errored or redirected.',
);
const HEADERS_MESSAGE =
  'Headers cannot be modified. Read more: ' +
  'https://nextjs.org/docs/app/api-reference/functions/headers';

function headersWrite(id: string, op: 'set' | 'append' | 'delete'): ConformanceCase {
  return {
    id,
    title: `headers().${op} throws "Headers cannot be modified"`,
    rule: RULE,
    kind: 'error',
    sources: [docs.headers, headersRule],
    request: { path: '/headers', headers: { 'x-custom': 'abc' } },
    expect: { status: 200, jsonIncludes: { [op]: HEADERS_MESSAGE, after: 'abc' } },
  };
}

function redirectStatus(id: string, status: number): ConformanceCase {
  return {
    id,
    title: `NextResponse.redirect(url, ${status}) answers ${status} with Location`,
    rule: RULE,
    kind: 'happy',
    sources: [docs.nextResponse, redirectRule],
    request: { path: `/next-response/redirect?status=${status}` },
    expect: { status, headers: { location: 'https://example.test/target' }, body: '' },
  };
}

function redirectInvalid(id: string, status: number): ConformanceCase {
  return {
    id,
    title: `NextResponse.redirect(url, ${status}) throws a RangeError`,
    rule: RULE,
    kind: 'error',
    sources: [
      redirectRule,
      observed(`RangeError 'Failed to execute "redirect" on "response": Invalid status code'`),
    ],
    request: { path: `/next-response/redirect?status=${status}` },
    expect: { status: 422, jsonIncludes: { error: { name: 'RangeError' } } },
  };
}

function relativeRedirect(id: string, to: string): ConformanceCase {
  return {
    id,
    title: `NextResponse.redirect(${JSON.stringify(to)}) throws "URL is malformed"`,
    rule: RULE,
    kind: 'error',
    sources: [
      redirectRule,
      observed(
        'Error \'URL is malformed "/relative". Please use only absolute URLs - ' +
          "https://nextjs.org/docs/messages/middleware-relative-urls'",
      ),
    ],
    request: { path: `/next-response/redirect?to=${encodeURIComponent(to)}` },
    expect: { status: 422 },
    check(response) {
      const { error } = response.json() as { error: { message: string } };
      ensure(
        error.message.startsWith(`URL is malformed "${to}". Please use only absolute URLs - `),
        `message: got ${JSON.stringify(error.message)}`,
      );
    },
  };
}

const AFTER_WHEN: Record<string, string> = {
  throw: ' also when the handler throws',
  redirect: ' also when the handler redirects',
  'not-found': ' also when the handler calls notFound()',
};

function after(id: string, mode: string, status: number, kind: 'happy' | 'error'): ConformanceCase {
  return {
    id,
    title: `after() callbacks run after the response${AFTER_WHEN[mode] ?? ''}`,
    rule: RULE,
    kind,
    sources: [docs.after, afterRule],
    async run({ send, uniqueId, sleep }) {
      const id = uniqueId();
      const response = await send({ path: `/after?id=${id}&mode=${mode}` });
      ensure(response.status === status, `status: expected ${status}, got ${response.status}`);
      let events: string[] = [];
      for (let i = 0; i < 40 && events.length < 2; i++) {
        events = ((await send({ path: `/state?id=${id}` })).json() as { events: string[] }).events;
        if (events.length < 2) await sleep(50);
      }
      ensure(
        JSON.stringify(events) === '["handler","after"]',
        `events: expected ["handler","after"], got ${JSON.stringify(events)}`,
      );
    },
  };
}

export const responseCases: ConformanceCase[] = [
  {
    id: 'headers/read',
    title: 'headers() is a Promise of the request headers',
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.headers,
      tests.hooks,
      spec(
        RULE,
        '`cookies()` and `headers()` from `next/headers` are async, scoped to the current request.',
      ),
    ],
    request: { path: '/headers', headers: { 'x-custom': 'abc' } },
    expect: { status: 200, jsonIncludes: { isPromise: true, custom: 'abc', has: true } },
  },
  {
    id: 'headers/scoped-per-request',
    title: 'headers() reads the current request only',
    rule: RULE,
    kind: 'happy',
    sources: [spec(RULE, 'scoped to the current request')],
    async run({ send }) {
      const [a, b] = await Promise.all([
        send({ path: '/headers', headers: { 'x-custom': 'first' } }),
        send({ path: '/headers', headers: { 'x-custom': 'second' } }),
      ]);
      ensure(
        (a.json() as { custom: string }).custom === 'first' &&
          (b.json() as { custom: string }).custom === 'second',
        'headers() mixed up two requests',
      );
    },
  },
  headersWrite('headers/set-throws', 'set'),
  headersWrite('headers/append-throws', 'append'),
  headersWrite('headers/delete-throws', 'delete'),
  {
    id: 'next-response/json',
    title: 'NextResponse.json(body, init) sets the JSON body, content type, status and headers',
    rule: RULE,
    kind: 'happy',
    sources: [docs.nextResponse, tests.nextResponse],
    request: { path: '/next-response/json' },
    expect: {
      status: 201,
      headers: { 'content-type': JSON_TYPE, 'x-extra': 'yes' },
      json: { hello: 'world', list: [1, 2] },
    },
  },
  {
    id: 'next-response/redirect-default',
    title: 'NextResponse.redirect(url) is 307 with Location and an empty body',
    rule: RULE,
    kind: 'happy',
    sources: [docs.nextResponse, tests.nextResponse, redirectRule],
    request: { path: '/next-response/redirect' },
    expect: { status: 307, headers: { location: 'https://example.test/target' }, body: '' },
  },
  redirectStatus('next-response/redirect-301', 301),
  redirectStatus('next-response/redirect-302', 302),
  redirectStatus('next-response/redirect-303', 303),
  redirectStatus('next-response/redirect-308', 308),
  {
    id: 'next-response/redirect-init',
    title: 'NextResponse.redirect(url, { status, headers }) keeps the extra headers',
    rule: RULE,
    kind: 'happy',
    sources: [redirectRule],
    request: { path: '/next-response/redirect?init=302' },
    expect: {
      status: 302,
      headers: { location: 'https://example.test/target', 'x-extra': 'kept' },
      body: '',
    },
  },
  {
    id: 'next-response/redirect-location-serialised',
    title: 'NextResponse.redirect serialises the URL (spaces escaped)',
    rule: RULE,
    kind: 'happy',
    sources: [redirectRule, observed('Location: https://example.test/a%20b?q=1')],
    request: {
      path: `/next-response/redirect?to=${encodeURIComponent('https://example.test/a b?q=1')}`,
    },
    expect: { status: 307, headers: { location: 'https://example.test/a%20b?q=1' } },
  },
  redirectInvalid('next-response/redirect-invalid-200', 200),
  redirectInvalid('next-response/redirect-invalid-404', 404),
  redirectInvalid('next-response/redirect-invalid-500', 500),
  redirectInvalid('next-response/redirect-invalid-304', 304),
  relativeRedirect('next-response/redirect-relative-rooted', '/relative'),
  relativeRedirect('next-response/redirect-relative-bare', 'relative'),
  {
    id: 'next-response/status-text',
    title: 'statusText is passed through',
    rule: RULE,
    kind: 'happy',
    sources: [
      spec(RULE, '`statusText` is passed through.'),
      observed('HTTP/1.1 299 Custom Reason'),
    ],
    request: { path: '/next-response/status-text' },
    expect: { status: 299, body: 'custom status' },
    check(response) {
      ensure(
        response.statusText === 'Custom Reason',
        `status text: expected "Custom Reason", got ${JSON.stringify(response.statusText)}`,
      );
    },
  },
  {
    id: 'navigation/redirect',
    title: 'redirect() from next/navigation is 307 with Location as given and an empty body',
    rule: RULE,
    kind: 'happy',
    sources: [docs.redirect, tests.hooks, navRule],
    request: { path: '/navigation/redirect' },
    expect: { status: 307, headers: { location: '/hello' }, body: '' },
  },
  {
    id: 'navigation/redirect-relative-kept',
    title: 'redirect() keeps a relative Location relative, dots and query included',
    rule: RULE,
    kind: 'happy',
    sources: [navRule, observed('Location: ../up?x=1')],
    request: { path: `/navigation/redirect?to=${encodeURIComponent('../up?x=1')}` },
    expect: { status: 307, headers: { location: '../up?x=1' }, body: '' },
  },
  {
    id: 'navigation/redirect-absolute',
    title: 'redirect() to an absolute URL',
    rule: RULE,
    kind: 'happy',
    sources: [navRule],
    request: { path: `/navigation/redirect?to=${encodeURIComponent('https://example.test/abs')}` },
    expect: { status: 307, headers: { location: 'https://example.test/abs' }, body: '' },
  },
  {
    id: 'navigation/redirect-from-post',
    title: 'redirect() in a POST handler is 307 too',
    rule: RULE,
    kind: 'happy',
    sources: [docs.redirect, navRule, observed('POST → 307')],
    request: { method: 'POST', path: '/navigation/redirect' },
    expect: { status: 307, headers: { location: '/hello' }, body: '' },
  },
  {
    id: 'navigation/permanent-redirect',
    title: 'permanentRedirect() is 308',
    rule: RULE,
    kind: 'happy',
    sources: [docs.permanentRedirect, navRule],
    request: { path: '/navigation/permanent-redirect' },
    expect: { status: 308, headers: { location: '/hello' }, body: '' },
  },
  {
    id: 'navigation/not-found',
    title: 'notFound() is 404 with an empty body',
    rule: RULE,
    kind: 'error',
    sources: [docs.notFound, tests.hooks, navRule],
    request: { path: '/navigation/not-found' },
    expect: { status: 404, body: '' },
  },
  {
    id: 'navigation/not-found-post',
    title: 'notFound() in a POST handler is 404 with an empty body',
    rule: RULE,
    kind: 'error',
    sources: [navRule],
    request: { method: 'POST', path: '/navigation/not-found' },
    expect: { status: 404, body: '' },
  },
  {
    id: 'navigation/not-found-head',
    title: 'notFound() reached through HEAD is 404',
    rule: RULE,
    kind: 'error',
    sources: [navRule],
    request: { method: 'HEAD', path: '/navigation/not-found' },
    expect: { status: 404, body: '' },
  },
  ...(
    [
      ['navigation/forbidden', 'forbidden', 403],
      ['navigation/unauthorized', 'unauthorized', 401],
    ] as const
  ).map(([id, fn, status]): ConformanceCase => ({
    id,
    title: `${fn}() is ${String(status)} with an empty body (auth interrupts always on)`,
    rule: RULE,
    kind: 'error',
    sources: [
      {
        kind: 'docs',
        url: `https://nextjs.org/docs/app/api-reference/functions/${fn}`,
        ref:
          `${fn}: "To start using ${fn}, enable the experimental authInterrupts configuration ` +
          'option in your next.config.js file"',
      },
      spec(
        RULE,
        '**Divergence (approute)**: `forbidden()` is 403 and `unauthorized()` 401, empty bodies, ' +
          'without `experimental.authInterrupts`',
      ),
      observed(`GET /navigation/forbidden → 500: "\`${fn}()\` is experimental …"`),
    ],
    divergence:
      'approute answers as Next.js does with experimental.authInterrupts, a setting it does ' +
      'not read; without it Next.js 16.4 throws "`forbidden()` is experimental and only ' +
      'allowed to be enabled when `experimental.authInterrupts` is enabled." (500)',
    request: { path: `/navigation/forbidden${fn === 'unauthorized' ? '?unauthorized' : ''}` },
    expect: { status, body: '' },
    nextjs: { status: 500 },
  })),
  {
    id: 'navigation/redirect-head',
    title: 'redirect() reached through HEAD is 307 with Location',
    rule: RULE,
    kind: 'happy',
    sources: [navRule],
    request: { method: 'HEAD', path: '/navigation/redirect' },
    expect: { status: 307, headers: { location: '/hello' }, body: '' },
  },
  after('after/ok', 'ok', 200, 'happy'),
  after('after/throw', 'throw', 500, 'error'),
  after('after/redirect', 'redirect', 307, 'happy'),
  after('after/not-found', 'not-found', 404, 'error'),
];
