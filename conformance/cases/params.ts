import type { ConformanceCase, Expectation } from '../src/lib/case.js';
import { JSON_TYPE, params, unmatched } from './helpers.js';
import { docs, observed, spec, tests } from './sources.js';

const RULE = 'Params';

function echo(
  id: string,
  title: string,
  path: string,
  route: string,
  value: Record<string, string | string[]>,
  sources: ConformanceCase['sources'],
): ConformanceCase {
  return {
    id,
    title,
    rule: RULE,
    kind: 'happy',
    sources,
    request: { path },
    expect: { status: 200, headers: { 'content-type': JSON_TYPE }, json: params(route, value) },
  };
}

const decoding = spec(
  RULE,
  'Each captured segment is decoded once with `decodeURIComponent`; catch-alls split on `/` ' +
    'before decoding, so `%2F` stays inside one value. `+` stays `+`.',
);
const malformedRule =
  'Malformed percent-encoding in a dynamic segment (`%ZZ`, truncated UTF-8): ' +
  '**Divergence (approute)**: 400 (Next.js 16.4 `next start` answers 500; `next dev` and 15.x ' +
  'answer 400).';
const NEXT_500: Expectation = { status: 500 };

function malformed(id: string, title: string, path: string): ConformanceCase {
  return {
    id,
    title,
    rule: RULE,
    kind: 'error',
    sources: [spec(RULE, malformedRule), observed(`GET ${path} → 500 "Internal Server Error"`)],
    divergence:
      "a malformed percent-escape is the client's error (400); Next.js 16.4 next start throws " +
      'URIError and answers 500',
    request: { path },
    expect: { status: 400 },
    nextjs: NEXT_500,
  };
}

export const paramCases: ConformanceCase[] = [
  echo(
    'params/table-dashboard',
    'params table: /dashboard/1 → { team: "1" }',
    '/dashboard/1',
    'dashboard/[team]',
    { team: '1' },
    [docs.paramsTable, docs.paramsPromise],
  ),
  echo(
    'params/table-shop',
    'params table: /shop/1/2 → { tag: "1", item: "2" }',
    '/shop/1/2',
    'shop/[tag]/[item]',
    { tag: '1', item: '2' },
    [docs.paramsTable],
  ),
  echo(
    'params/table-blog',
    'params table: /blog/1/2 → { slug: ["1", "2"] }',
    '/blog/1/2',
    'blog/[...slug]',
    { slug: ['1', '2'] },
    [docs.paramsTable, tests.params],
  ),
  echo(
    'params/catch-all-one',
    'a catch-all matches a single segment as a one-element array',
    '/blog/only',
    'blog/[...slug]',
    { slug: ['only'] },
    [docs.dynamicSegments],
  ),
  echo(
    'params/optional-catch-all-root',
    'an optional catch-all matches its own folder with no key in params',
    '/docs',
    'docs/[[...slug]]',
    {},
    [docs.dynamicSegments, spec(RULE, 'optional catch-all at its own folder → `{}` (no key)')],
  ),
  echo(
    'params/optional-catch-all-deep',
    'an optional catch-all matches several segments',
    '/docs/a/b',
    'docs/[[...slug]]',
    { slug: ['a', 'b'] },
    [docs.dynamicSegments],
  ),
  echo(
    'params/decode-space',
    '%20 in a segment is decoded to a space',
    '/dashboard/a%20b',
    'dashboard/[team]',
    { team: 'a b' },
    [decoding],
  ),
  echo(
    'params/decode-slash',
    '%2F in a single segment is decoded to / inside the value',
    '/dashboard/a%2Fb',
    'dashboard/[team]',
    { team: 'a/b' },
    [decoding],
  ),
  echo(
    'params/decode-utf8',
    'multi-byte UTF-8 escapes decode to one character',
    '/dashboard/%E2%82%AC',
    'dashboard/[team]',
    { team: '€' },
    [decoding],
  ),
  echo(
    'params/decode-accents',
    'several UTF-8 escapes in one segment decode',
    '/dashboard/%C3%A9t%C3%A9',
    'dashboard/[team]',
    { team: 'été' },
    [decoding, observed('/dashboard/%C3%A9t%C3%A9 → { team: "été" }')],
  ),
  echo(
    'params/decode-hash',
    '%23 decodes to # inside the value',
    '/dashboard/a%23b',
    'dashboard/[team]',
    { team: 'a#b' },
    [decoding],
  ),
  echo(
    'params/decode-question-mark',
    '%3F decodes to ? inside the value',
    '/dashboard/%3F',
    'dashboard/[team]',
    { team: '?' },
    [decoding, observed('/dashboard/%3F → { team: "?" }')],
  ),
  echo(
    'params/decode-once',
    '%25 decodes once, to %',
    '/dashboard/%25',
    'dashboard/[team]',
    { team: '%' },
    [decoding],
  ),
  echo(
    'params/decode-unreserved',
    'an escaped unreserved character decodes',
    '/dashboard/%31',
    'dashboard/[team]',
    { team: '1' },
    [decoding, observed('/dashboard/%31 → { team: "1" }')],
  ),
  echo(
    'params/plus-stays',
    '+ stays + (it is not form encoding)',
    '/dashboard/a+b',
    'dashboard/[team]',
    { team: 'a+b' },
    [decoding],
  ),
  echo(
    'params/catch-all-split-before-decode',
    'a catch-all splits on / before decoding, so %2F stays inside one element',
    '/blog/a%2Fb/c',
    'blog/[...slug]',
    { slug: ['a/b', 'c'] },
    [decoding],
  ),
  echo(
    'params/optional-catch-all-encoded-slash',
    'an optional catch-all keeps %2F inside one element',
    '/docs/a%2Fb',
    'docs/[[...slug]]',
    { slug: ['a/b'] },
    [decoding],
  ),
  echo(
    'params/catch-all-space-element',
    'a catch-all element that is only an escaped space',
    '/blog/%20/x',
    'blog/[...slug]',
    { slug: [' ', 'x'] },
    [decoding],
  ),
  echo(
    'params/proto-segment',
    '__proto__ is a safe segment value',
    '/dashboard/__proto__',
    'dashboard/[team]',
    { team: '__proto__' },
    [spec(RULE, 'Any segment text is a safe value, `__proto__` and `constructor` included.')],
  ),
  echo(
    'params/constructor-segment',
    'constructor is a safe segment value',
    '/dashboard/constructor',
    'dashboard/[team]',
    { team: 'constructor' },
    [spec(RULE, 'Any segment text is a safe value')],
  ),
  echo(
    'params/proto-catch-all',
    '__proto__ and constructor are safe catch-all elements',
    '/blog/__proto__/constructor',
    'blog/[...slug]',
    { slug: ['__proto__', 'constructor'] },
    [spec(RULE, 'Any segment text is a safe value')],
  ),
  {
    id: 'params/static-route-undefined',
    title: 'a route without dynamic segments gets a context whose params is undefined',
    rule: RULE,
    kind: 'happy',
    sources: [tests.params, spec(RULE, 'Static routes: `context.params` is `undefined`')],
    request: { path: '/params/static' },
    expect: { status: 200, json: { contextType: 'object', paramsType: 'undefined' } },
  },
  {
    id: 'params/no-sync-access',
    title:
      'params is a Promise only: context.params.id is undefined (Next.js 16 removed the sync ' +
      'shim); the awaited value is a plain object',
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.v15Params,
      spec(RULE, 'No synchronous access: `context.params.id` is `undefined`'),
    ],
    request: { path: '/params/sync/7' },
    expect: { status: 200, json: { syncIdType: 'undefined', id: '7', proto: 'Object' } },
  },

  unmatched(
    'params/catch-all-needs-a-segment',
    'a catch-all needs at least one segment: /blog is 404',
    '/blog',
    RULE,
    [
      spec(
        'Files and URLs',
        'A catch-all needs at least one segment (`/blog` does not match `blog/[...slug]`).',
      ),
    ],
  ),
  unmatched(
    'params/dynamic-needs-a-segment',
    'a [team] folder does not match its parent path',
    '/dashboard',
    RULE,
    [docs.dynamicSegments],
  ),
  unmatched(
    'params/dynamic-one-segment-only',
    'a [team] folder matches one segment, not two',
    '/dashboard/1/extra',
    RULE,
    [docs.dynamicSegments],
  ),
  unmatched(
    'params/missing-second-param',
    '/shop/1 does not match shop/[tag]/[item]',
    '/shop/1',
    RULE,
    [docs.dynamicSegments],
  ),
  unmatched(
    'params/extra-segment',
    '/shop/1/2/3 does not match shop/[tag]/[item]',
    '/shop/1/2/3',
    RULE,
    [docs.dynamicSegments],
  ),
  unmatched(
    'params/static-part-case-sensitive',
    'the static part of a dynamic route is case-sensitive',
    '/Dashboard/1',
    RULE,
    [spec('Files and URLs', 'case-sensitive')],
  ),
  malformed(
    'params/malformed-escape',
    'a malformed escape %ZZ in a dynamic segment is 400',
    '/dashboard/%ZZ',
  ),
  malformed(
    'params/truncated-utf8',
    'a truncated UTF-8 sequence in a dynamic segment is 400',
    '/dashboard/%E2%82',
  ),
  malformed('params/lone-percent', 'a lone % in a dynamic segment is 400', '/dashboard/%'),
  malformed(
    'params/malformed-catch-all',
    'a malformed escape in a catch-all element is 400',
    '/blog/%ZZ/x',
  ),
  malformed(
    'params/truncated-utf8-catch-all',
    'a truncated UTF-8 sequence in a later catch-all element is 400',
    '/blog/a/%E2%82',
  ),
  malformed(
    'params/malformed-optional-catch-all',
    'a malformed escape in an optional catch-all is 400',
    '/docs/%ZZ',
  ),
  malformed(
    'params/malformed-precedence-sibling',
    'a malformed escape where [id] and [...rest] compete is 400',
    '/prec/%ZZ',
  ),
  malformed(
    'params/malformed-before-static',
    'a malformed escape in a dynamic segment followed by a static one is 400',
    '/seg/%ZZ/fixed',
  ),
  malformed(
    'params/malformed-optional-sibling',
    'a malformed escape where [id] and [[...rest]] compete is 400',
    '/opt/%ZZ',
  ),
  unmatched(
    'params/catch-all-post-parent',
    'POST to a catch-all parent is 404, not 405',
    '/blog',
    RULE,
    [docs.dynamicSegments],
    'POST',
  ),
  unmatched(
    'params/catch-all-options-parent',
    'OPTIONS to a catch-all parent is 404',
    '/blog',
    RULE,
    [docs.dynamicSegments],
    'OPTIONS',
  ),
  malformed(
    'params/malformed-first-of-two',
    'a malformed escape in the first of two params is 400',
    '/shop/%ZZ/1',
  ),
];
