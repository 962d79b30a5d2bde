import type { ConformanceCase } from '../src/lib/case.js';
import { params } from './helpers.js';
import { docs, observed, spec } from './sources.js';

const RULE = 'URLs';
const slashRule = spec(
  RULE,
  'A path ending in `/` (other than `/`) → 308, `Location` = path without the slash plus the ' +
    'original query, before matching (non-existent paths redirect too).',
);
const repeatRule = spec(
  RULE,
  'Repeated slashes and backslashes are normalised the same way (`//dashboard//1` → ' +
    '`/dashboard/1`).',
);
const dotRule = spec(
  RULE,
  'Dot segments are resolved as WHATWG URL parsing does (`/dashboard/..` is `/`).',
);

function redirect(
  id: string,
  title: string,
  path: string,
  location: string,
  sources: ConformanceCase['sources'],
  method = 'GET',
): ConformanceCase {
  return {
    id,
    title,
    rule: RULE,
    kind: 'error',
    sources: [...sources, observed(`${method} ${path} → 308, Location: ${location}`)],
    request: { method, path },
    expect: { status: 308, headers: { location } },
  };
}

function served(
  id: string,
  title: string,
  path: string,
  json: unknown,
  body?: string,
): ConformanceCase {
  return {
    id,
    title,
    rule: RULE,
    kind: 'happy',
    sources: [dotRule, observed(`GET ${path} → 200 ${body ?? JSON.stringify(json)}`)],
    request: { path },
    expect: body === undefined ? { status: 200, json } : { status: 200, body },
  };
}

export const urlCases: ConformanceCase[] = [
  redirect(
    'urls/trailing-slash',
    'a trailing slash redirects 308 to the path without it',
    '/hello/',
    '/hello',
    [docs.trailingSlash, slashRule],
  ),
  redirect(
    'urls/trailing-slash-query',
    'the trailing-slash redirect keeps the query',
    '/hello/?a=1&b=2',
    '/hello?a=1&b=2',
    [slashRule],
  ),
  redirect(
    'urls/trailing-slash-unmatched',
    'a non-existent path with a trailing slash redirects too',
    '/no-such-route/',
    '/no-such-route',
    [slashRule],
  ),
  redirect(
    'urls/trailing-slash-dynamic',
    'a dynamic route path with a trailing slash redirects',
    '/dashboard/1/',
    '/dashboard/1',
    [slashRule],
  ),
  redirect(
    'urls/trailing-slash-catch-all',
    'a catch-all path with a trailing slash redirects',
    '/blog/1/2/',
    '/blog/1/2',
    [slashRule],
  ),
  redirect(
    'urls/trailing-slash-post',
    'the trailing-slash redirect happens for POST as well, before matching',
    '/hello/',
    '/hello',
    [slashRule],
    'POST',
  ),
  redirect(
    'urls/trailing-slash-options',
    'the trailing-slash redirect happens for OPTIONS as well',
    '/hello/',
    '/hello',
    [slashRule],
    'OPTIONS',
  ),
  redirect(
    'urls/trailing-slash-head',
    'the trailing-slash redirect happens for HEAD as well',
    '/hello/',
    '/hello',
    [slashRule],
    'HEAD',
  ),
  redirect(
    'urls/trailing-slash-encoded-underscore',
    'the trailing-slash redirect on a %5F folder',
    '/_underscore/',
    '/_underscore',
    [slashRule],
  ),
  redirect(
    'urls/trailing-slash-delete-unmatched',
    'a DELETE to a non-existent path with a trailing slash redirects',
    '/no-such-route/',
    '/no-such-route',
    [slashRule],
    'DELETE',
  ),
  redirect(
    'urls/trailing-slash-optional-catch-all',
    'the optional catch-all root with a trailing slash redirects',
    '/docs/',
    '/docs',
    [slashRule],
  ),
  redirect(
    'urls/repeated-slashes',
    'repeated slashes are collapsed with a 308',
    '//dashboard//1',
    '/dashboard/1',
    [repeatRule],
  ),
  redirect(
    'urls/repeated-slash-inside',
    'a repeated slash inside the path is collapsed with a 308',
    '/dashboard//1',
    '/dashboard/1',
    [repeatRule],
  ),
  redirect(
    'urls/leading-double-slash',
    'a leading double slash is collapsed with a 308',
    '//hello',
    '/hello',
    [repeatRule],
  ),
  redirect(
    'urls/backslash-leading',
    'a backslash is normalised to a slash with a 308',
    '/\\hello',
    '/hello',
    [repeatRule],
  ),
  redirect(
    'urls/backslash-inside',
    'a backslash inside the path is normalised to a slash with a 308',
    '/dashboard\\1',
    '/dashboard/1',
    [repeatRule],
  ),
  served('urls/dot-dot-to-root', '/dashboard/.. is /', '/dashboard/..', undefined, 'root'),
  served(
    'urls/dot-segment',
    '/dashboard/./1 is /dashboard/1',
    '/dashboard/./1',
    params('dashboard/[team]', { team: '1' }),
  ),
  served(
    'urls/dot-dot-in-catch-all',
    '/blog/a/../b is /blog/b',
    '/blog/a/../b',
    params('blog/[...slug]', { slug: ['b'] }),
  ),
  served(
    'urls/encoded-dot-dot',
    'an encoded dot segment %2e%2e is resolved like ..',
    '/dashboard/%2e%2e',
    undefined,
    'root',
  ),
  {
    id: 'urls/query-not-part-of-match',
    title: 'the query does not take part in matching',
    rule: RULE,
    kind: 'happy',
    sources: [docs.helloWorld],
    request: { path: '/hello?x=1&y' },
    expect: { status: 200, json: { message: 'Hello World' } },
  },
];
