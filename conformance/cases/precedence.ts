import type { ConformanceCase } from '../src/lib/case.js';
import { params, unmatched } from './helpers.js';
import { docs, observed, spec } from './sources.js';

const RULE = 'Files and URLs';
const precedence = spec(
  RULE,
  'Precedence, segment by segment from the left: static > `[x]` > `[...x]` > `[[...x]]`.',
);

function route(id: string, title: string, path: string, json: unknown): ConformanceCase {
  return {
    id,
    title,
    rule: RULE,
    kind: 'happy',
    sources: [precedence, observed(`GET ${path} → ${JSON.stringify(json)}`)],
    request: { path },
    expect: { status: 200, json },
  };
}

export const precedenceCases: ConformanceCase[] = [
  route(
    'precedence/static-beats-dynamic',
    'a static folder wins over a [id] sibling',
    '/prec/static',
    { route: 'prec/static' },
  ),
  route(
    'precedence/dynamic-beats-catch-all',
    'a [id] folder wins over a [...rest] sibling for one segment',
    '/prec/abc',
    params('prec/[id]', { id: 'abc' }),
  ),
  route(
    'precedence/catch-all-takes-the-rest',
    'a [...rest] sibling takes two segments',
    '/prec/a/b',
    params('prec/[...rest]', { rest: ['a', 'b'] }),
  ),
  route(
    'precedence/static-prefix-falls-to-catch-all',
    'a path that starts like a static sibling but goes deeper falls to the catch-all',
    '/prec/static/x',
    params('prec/[...rest]', { rest: ['static', 'x'] }),
  ),
  route(
    'precedence/optional-catch-all-root',
    'the optional catch-all answers its own folder',
    '/opt',
    params('opt/[[...rest]]', {}),
  ),
  route(
    'precedence/static-beats-optional-catch-all',
    'a static folder wins over an optional catch-all sibling',
    '/opt/static',
    { route: 'opt/static' },
  ),
  route(
    'precedence/dynamic-beats-optional-catch-all',
    'a [id] folder wins over an optional catch-all sibling',
    '/opt/x',
    params('opt/[id]', { id: 'x' }),
  ),
  route(
    'precedence/optional-catch-all-deep',
    'the optional catch-all takes several segments',
    '/opt/x/y',
    params('opt/[[...rest]]', { rest: ['x', 'y'] }),
  ),
  route(
    'precedence/optional-catch-all-after-static-prefix',
    'a deeper path under a static sibling falls back to the optional catch-all',
    '/opt/static/x',
    params('opt/[[...rest]]', { rest: ['static', 'x'] }),
  ),
  route(
    'precedence/leftmost-static-wins',
    'the leftmost segment decides first: seg/fixed/[b] wins over seg/[a]/fixed for ' +
      '/seg/fixed/fixed',
    '/seg/fixed/fixed',
    params('seg/fixed/[b]', { b: 'fixed' }),
  ),
  route(
    'precedence/dynamic-then-static',
    'seg/[a]/fixed answers when the first segment is not static',
    '/seg/x/fixed',
    params('seg/[a]/fixed', { a: 'x' }),
  ),
  route(
    'precedence/static-then-dynamic',
    'seg/fixed/[b] answers any second segment',
    '/seg/fixed/x',
    params('seg/fixed/[b]', { b: 'x' }),
  ),
  unmatched(
    'precedence/catch-all-sibling-needs-a-segment',
    'a folder with only [id] and [...rest] children does not match itself',
    '/prec',
    RULE,
    [docs.dynamicSegments],
  ),
  unmatched(
    'precedence/no-route-at-prefix',
    'a folder with no route of its own is 404',
    '/seg/fixed',
    RULE,
    [spec(RULE, 'Unmatched path: 404')],
  ),
  unmatched(
    'precedence/dynamic-then-unknown',
    'seg/[a]/other matches no route',
    '/seg/x/other',
    RULE,
    [spec(RULE, 'Unmatched path: 404')],
  ),
  unmatched('precedence/empty-parent', 'a folder with only child routes is 404', '/seg', RULE, [
    spec(RULE, 'Unmatched path: 404'),
  ]),
  unmatched(
    'precedence/static-not-decoded',
    'a static segment is compared as sent: /hell%6F is not /hello',
    '/hell%6F',
    RULE,
    [observed('GET /hell%6F → 404')],
  ),
  unmatched(
    'precedence/encoded-slash-static',
    'an encoded slash does not end a static segment',
    '/hello%2F',
    RULE,
    [observed('GET /hello%2F → 404')],
  ),
];
