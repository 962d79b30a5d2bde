import type { ConformanceCase } from '../src/lib/case.js';
import { JSON_TYPE, TEXT_TYPE, unmatched } from './helpers.js';
import { docs, observed, spec, tests } from './sources.js';

const RULE = 'Files and URLs';

function text(
  id: string,
  title: string,
  path: string,
  body: string,
  sources: ConformanceCase['sources'],
): ConformanceCase {
  return {
    id,
    title,
    rule: RULE,
    kind: 'happy',
    sources,
    request: { path },
    expect: { status: 200, headers: { 'content-type': TEXT_TYPE }, body },
  };
}

export const fileCases: ConformanceCase[] = [
  text('files/root-route', 'app/route.ts serves /', '/', 'root', [
    spec(RULE, '`app/route.ts` is `/`'),
    observed('GET / → 200 "root"'),
  ]),
  {
    id: 'files/hello-json',
    title: 'a GET handler answers with the JSON body of Response.json()',
    rule: RULE,
    kind: 'happy',
    sources: [docs.helloWorld],
    request: { path: '/hello' },
    expect: {
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      json: { message: 'Hello World' },
    },
  },
  text('files/group', 'a (group) folder is left out of the URL', '/grouped', 'grouped', [
    docs.routeGroups,
    tests.groups,
  ]),
  text(
    'files/nested-groups',
    'nested (group) folders are all left out of the URL',
    '/deep-grouped',
    'deep-grouped',
    [docs.routeGroups],
  ),
  text('files/slot', 'an @slot folder is left out of the URL', '/slotted', 'slotted', [
    docs.parallelRoutes,
    spec(RULE, 'URL = folder path minus `(group)` folders and `@slot` folders'),
  ]),
  text(
    'files/encoded-underscore',
    'a folder named %5Fx is served at /_x',
    '/_underscore',
    'underscore',
    [docs.privateFolders],
  ),
  text(
    'files/other-percent-literal',
    'other % sequences in a folder name stay literal: folder pct%41 answers the raw path /pct%41',
    '/pct%41',
    'pct literal',
    [
      spec(RULE, 'other `%` sequences in folder names stay literal'),
      observed('GET /pct%41 → 200 from folder `pct%41`; /pctA and /pct%2541 → 404'),
    ],
  ),
  {
    id: 'files/dotted-folder',
    title: 'a folder name with a dot is an ordinary segment',
    rule: RULE,
    kind: 'happy',
    sources: [
      spec(RULE, 'names otherwise verbatim and case-sensitive (dots allowed: `sitemap.xml`)'),
    ],
    request: { path: '/files/data.json' },
    expect: {
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      json: { file: 'data.json', method: 'GET' },
    },
  },
  text(
    'files/intercepting-literal',
    'an intercepting-route style folder (.)x stays literal in a route handler URL',
    '/(.)intercepted',
    'intercepted',
    [
      spec(RULE, '`(.)x`-style intercepting folders stay literal in the URL'),
      observed('GET /(.)intercepted → 200'),
    ],
  ),
  text(
    'files/case-sensitive-match',
    'folder names match case-sensitively',
    '/CaseSensitive',
    'CaseSensitive',
    [spec(RULE, 'names otherwise verbatim and case-sensitive')],
  ),

  unmatched('files/private-folder', 'a _private folder is not routable', '/_private', RULE, [
    docs.privateFolders,
  ]),
  unmatched(
    'files/private-folder-nested',
    'nothing below a _private folder is routable',
    '/_private/inner',
    RULE,
    [docs.privateFolders],
  ),
  unmatched(
    'files/encoded-underscore-raw',
    'the %5F folder is not served at its encoded name',
    '/%5Funderscore',
    RULE,
    [observed('GET /%5Funderscore → 404')],
  ),
  unmatched(
    'files/other-percent-not-decoded',
    'a literal %41 folder is not served at the decoded path',
    '/pctA',
    RULE,
    [observed('GET /pctA → 404')],
  ),
  unmatched(
    'files/other-percent-double-encoded',
    'a literal %41 folder is not served at the double-encoded path',
    '/pct%2541',
    RULE,
    [observed('GET /pct%2541 → 404')],
  ),
  unmatched(
    'files/case-sensitive-miss',
    'a path differing only in case is not matched',
    '/casesensitive',
    RULE,
    [spec(RULE, 'case-sensitive')],
  ),
  unmatched(
    'files/group-name-in-url',
    'the (group) name itself is not a URL segment',
    '/(group)/grouped',
    RULE,
    [docs.routeGroups],
  ),
  unmatched(
    'files/slot-name-in-url',
    'the @slot name itself is not a URL segment',
    '/@slot/slotted',
    RULE,
    [docs.parallelRoutes],
  ),
  unmatched('files/unmatched-get', 'an unmatched path is 404', '/no-such-route', RULE, [
    spec(RULE, 'Unmatched path, any method (OPTIONS included): 404.'),
  ]),
  unmatched(
    'files/unmatched-deeper',
    'a path below a route that has no child route is 404',
    '/hello/extra',
    RULE,
    [spec(RULE, 'Unmatched path: 404')],
  ),
  unmatched(
    'files/unmatched-post',
    'an unmatched path is 404 for POST',
    '/no-such-route',
    RULE,
    [spec(RULE, 'Unmatched path, any method: 404')],
    'POST',
  ),
  unmatched(
    'files/unmatched-options',
    'an unmatched path is 404 for OPTIONS, not an automatic 204',
    '/no-such-route',
    RULE,
    [spec(RULE, 'Unmatched path, any method (OPTIONS included): 404.')],
    'OPTIONS',
  ),
  unmatched(
    'files/unmatched-delete',
    'an unmatched path is 404 for DELETE',
    '/no-such-route',
    RULE,
    [spec(RULE, 'Unmatched path, any method: 404')],
    'DELETE',
  ),
  unmatched(
    'files/unmatched-head',
    'an unmatched path is 404 for HEAD',
    '/no-such-route',
    RULE,
    [spec(RULE, 'Unmatched path, any method: 404')],
    'HEAD',
  ),
  unmatched(
    'files/unmatched-unknown-method',
    'an unmatched path is 404 even for a method no route supports',
    '/no-such-route',
    RULE,
    [spec(RULE, 'Unmatched path, any method: 404'), observed('PROPFIND /nope → 404')],
    'PROPFIND',
  ),
  unmatched(
    'files/private-folder-options',
    'OPTIONS on a _private folder is 404, not an automatic 204',
    '/_private',
    RULE,
    [docs.privateFolders],
    'OPTIONS',
  ),
  unmatched(
    'files/dotted-folder-prefix',
    'a dotted folder name is not matched by its prefix',
    '/files/data',
    RULE,
    [spec(RULE, 'names otherwise verbatim')],
  ),
  unmatched(
    'files/dotted-folder-child',
    'a dotted folder with no child route is 404 below it',
    '/files/data.json/x',
    RULE,
    [spec(RULE, 'Unmatched path: 404')],
  ),
];
