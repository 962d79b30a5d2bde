import type { ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import { JSON_TYPE, unmatched } from './helpers.js';
import { docs, observed, spec } from './sources.js';

const RULE = 'Caching and segment config';
const dynamicRule = spec(
  RULE,
  '`GET` is dynamic by default (the v15 change): every request runs the handler, no cache headers.',
);
const staticRule = spec(
  RULE,
  "Static generation applies only when the module exports `dynamic = 'force-static'`, " +
    "`dynamic = 'error'`, `revalidate = false`, `revalidate > 0`, or `generateStaticParams`, or " +
    'is a metadata-named route (`sitemap.xml`, root `robots.txt`, root `manifest.json`), and ' +
    'only when it exports no other method than GET/HEAD.',
);
const staticRequestRule = spec(
  RULE,
  'Static GET: … The handler sees a substituted request: URL `http://localhost:3000` + ' +
    'pathname, no query, no headers, empty sealed cookies. Answers carry `Cache-Control: ' +
    's-maxage=31536000`; with `revalidate = N`, `s-maxage=N, stale-while-revalidate=<31536000 − ' +
    'N>` and a background regeneration after N s.',
);
const YEAR = 's-maxage=31536000';

function twice(
  id: string,
  title: string,
  path: string,
  cacheControl: string,
  sources: ConformanceCase['sources'],
): ConformanceCase {
  return {
    id,
    title,
    rule: RULE,
    kind: 'happy',
    sources: [
      ...sources,
      observed(`GET ${path} → Cache-Control: ${cacheControl}, the same body twice`),
    ],
    async run({ send }) {
      const first = await send({ path });
      const second = await send({ path });
      for (const response of [first, second]) {
        ensure(response.status === 200, `status: expected 200, got ${response.status}`);
        const got = response.header('cache-control');
        ensure(got === cacheControl, `cache-control: expected ${cacheControl}, got ${String(got)}`);
      }
      ensure(
        first.body === second.body,
        `body: a static answer changed between requests: ${first.body} then ${second.body}`,
      );
    },
  };
}

export const cachingCases: ConformanceCase[] = [
  {
    id: 'caching/dynamic-by-default',
    title: 'a GET handler runs on every request, with no cache headers',
    rule: RULE,
    kind: 'happy',
    sources: [docs.v15Dynamic, docs.caching, dynamicRule],
    async run({ send }) {
      const first = await send({ path: '/cache/dynamic?q=1' });
      const second = await send({ path: '/cache/dynamic?q=2' });
      const a = first.json() as { count: number; search: string };
      const b = second.json() as { count: number; search: string };
      ensure(b.count > a.count, `the handler did not run again: counts ${a.count} then ${b.count}`);
      ensure(
        a.search === '?q=1' && b.search === '?q=2',
        `each request sees its own query: got ${a.search} and ${b.search}`,
      );
      ensure(
        first.header('cache-control') === undefined,
        `cache-control: expected none, got ${String(first.header('cache-control'))}`,
      );
    },
  },
  twice(
    'caching/force-static',
    "dynamic = 'force-static' caches the GET with s-maxage=31536000",
    '/cache/force-static',
    YEAR,
    [docs.caching, docs.segmentConfig, staticRule, staticRequestRule],
  ),
  {
    id: 'caching/force-static-substituted-request',
    title:
      'a force-static handler sees http://localhost:3000 + pathname, no query, no headers, no ' +
      'cookies',
    rule: RULE,
    kind: 'happy',
    sources: [
      staticRequestRule,
      observed(
        '{"url":"http://localhost:3000/cache/force-static","search":"","header":null,"cookies":[]}',
      ),
    ],
    request: { path: '/cache/force-static?q=1', headers: { 'x-custom': 'abc', cookie: 'a=1' } },
    expect: {
      status: 200,
      headers: { 'content-type': JSON_TYPE, 'cache-control': YEAR },
      jsonIncludes: {
        url: 'http://localhost:3000/cache/force-static',
        search: '',
        header: null,
        cookies: [],
      },
    },
  },
  {
    id: 'caching/force-static-head',
    title: 'HEAD on a force-static GET carries the cache header and no body',
    rule: RULE,
    kind: 'happy',
    sources: [staticRequestRule],
    request: { method: 'HEAD', path: '/cache/force-static' },
    expect: { status: 200, headers: { 'cache-control': YEAR }, body: '' },
  },
  twice(
    'caching/revalidate-seconds',
    'revalidate = 60 gives s-maxage=60, stale-while-revalidate=31535940',
    '/cache/revalidate',
    's-maxage=60, stale-while-revalidate=31535940',
    [docs.segmentConfig, staticRequestRule],
  ),
  twice(
    'caching/revalidate-false',
    'revalidate = false is static for good',
    '/cache/revalidate-false',
    YEAR,
    [docs.segmentConfig, staticRule],
  ),
  twice(
    'caching/dynamic-error-static',
    "dynamic = 'error' on a GET that reads nothing of the request is static",
    '/cache/error-mode',
    YEAR,
    [docs.segmentConfig, staticRule],
  ),
  twice(
    'caching/generate-static-params-listed',
    'a param listed by generateStaticParams is served static',
    '/cache/params/a',
    YEAR,
    [docs.generateStaticParams, staticRule],
  ),
  twice(
    'caching/generate-static-params-second',
    'every listed param is served static',
    '/cache/params/b',
    YEAR,
    [docs.generateStaticParams, staticRule],
  ),
  twice(
    'caching/generate-static-params-unlisted',
    'an unlisted param (dynamicParams default) is produced on first request, then cached',
    '/cache/params-open/z',
    YEAR,
    [docs.generateStaticParams, staticRequestRule],
  ),
  twice(
    'caching/metadata-sitemap',
    'a sitemap.xml route is static by default',
    '/sitemap.xml',
    YEAR,
    [docs.metadataRoutes, staticRule],
  ),
  twice(
    'caching/metadata-robots',
    'a root robots.txt route is static by default',
    '/robots.txt',
    YEAR,
    [docs.metadataRoutes, staticRule],
  ),
  {
    id: 'caching/params-listed-values',
    title: 'a static param route sees its params',
    rule: RULE,
    kind: 'happy',
    sources: [docs.generateStaticParams],
    request: { path: '/cache/params/a' },
    expect: { status: 200, jsonIncludes: { id: 'a' } },
  },
  {
    id: 'caching/static-with-other-method',
    title: 'force-static does not apply when the module also exports POST',
    rule: RULE,
    kind: 'happy',
    sources: [staticRule, observed('GET /cache/static-with-post: counts 1, 2; no Cache-Control')],
    async run({ send }) {
      const a = await send({ path: '/cache/static-with-post' });
      const b = await send({ path: '/cache/static-with-post' });
      ensure(
        a.header('cache-control') === undefined,
        `cache-control: expected none, got ${String(a.header('cache-control'))}`,
      );
      ensure(
        (b.json() as { count: number }).count > (a.json() as { count: number }).count,
        'the GET handler did not run again',
      );
    },
  },
  {
    id: 'caching/segment-config-accepted',
    title:
      'runtime, preferredRegion, maxDuration and fetchCache are accepted and change nothing ' +
      'for one server',
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.segmentConfig,
      spec(
        RULE,
        '`runtime`, `preferredRegion`, `maxDuration`, `fetchCache` are accepted; they do not ' +
          'change what a request gets from a single server.',
      ),
    ],
    request: { path: '/config' },
    expect: { status: 200, headers: { 'cache-control': null }, body: 'config accepted' },
  },
  {
    id: 'caching/revalidate-regenerates',
    title: 'revalidate = 1: after a second the answer is regenerated in the background',
    rule: RULE,
    kind: 'happy',
    sources: [docs.segmentConfig, staticRequestRule],
    async run({ send, sleep }) {
      const first = await send({ path: '/cache/revalidate-short' });
      ensure(
        first.header('cache-control') === 's-maxage=1, stale-while-revalidate=31535999',
        `cache-control: got ${String(first.header('cache-control'))}`,
      );
      const firstAt = (first.json() as { at: number }).at;
      let latest = firstAt;
      for (let i = 0; i < 10 && latest === firstAt; i++) {
        await sleep(600);
        latest = ((await send({ path: '/cache/revalidate-short' })).json() as { at: number }).at;
      }
      ensure(latest > firstAt, 'the answer was never regenerated');
    },
  },
  unmatched(
    'caching/dynamic-params-false',
    'with dynamicParams = false an unlisted param is 404',
    '/cache/params/c',
    RULE,
    [docs.dynamicParams, spec(RULE, 'with `dynamicParams = false` unlisted params are 404')],
  ),
];
