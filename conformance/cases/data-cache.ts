import { literally } from './helpers.js';
import type { CaseSource, ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import {
  getJson,
  hitsAre,
  post,
  readUntilChanged,
  revalidatePath,
  revalidateTag,
  upstreamHits,
} from './data-cache-helpers.js';
import { observed } from './sources.js';

// The classic data cache: the `fetch` cache options, `unstable_cache`, `unstable_noStore`,
// `revalidateTag`, `updateTag` and `revalidatePath`, and static GET answers that carry the tags
// of what they read. These cases run against `fixtures-cache/` (not the main fixture), with
// `CACHE_UPSTREAM` pointing at an upstream from `src/lib/upstream.ts`; see OBSERVED.md there.

const RULE = 'Data cache and tags';
const DOCS = 'https://nextjs.org/docs/app/api-reference/functions';
const doc = (page: string, ref: string): CaseSource => ({
  kind: 'docs',
  url: `${DOCS}/${page}`,
  ref: `${page} (summary): ${ref}`,
});
const fetchDoc = doc(
  'fetch',
  "`cache: 'force-cache'` looks for a fresh match in the Data Cache and fetches on a miss; " +
    "`'no-store'` fetches on every request; `next.revalidate` sets the lifetime in seconds " +
    '(`false` caches indefinitely, `0` prevents caching); `next.tags` tags the entry for ' +
    '`revalidateTag`.',
);
const revalidateTagDoc = doc(
  'revalidateTag',
  "`revalidateTag(tag, profile)` marks the tagged data stale; with `'max'` the next visit " +
    'serves the stale content while fresh content is fetched in the background. The one-argument ' +
    'form is deprecated.',
);
const updateTagDoc = doc(
  'updateTag',
  '`updateTag` can only be called from within a Server Action; it expires the tag immediately ' +
    '(read-your-own-writes).',
);
const revalidatePathDoc = doc(
  'revalidatePath',
  "`revalidatePath(path, type?)`: `type` is `'page'` or `'layout'`; a dynamic-segment path " +
    "needs `type`; the path must be the route's path, not a relative one.",
);
const unstableCacheDoc = doc(
  'unstable_cache',
  '`unstable_cache(fn, keyParts?, { revalidate, tags })`: the cache key is built from the ' +
    'function, `keyParts` and the arguments; variables a closure captures are not in the key ' +
    'unless named in `keyParts`.',
);
const noStoreDoc = doc(
  'unstable_noStore',
  '`unstable_noStore()` opts the surrounding code out of static rendering; it is equivalent to ' +
    '`cache: "no-store"` on fetch for the rendering.',
);

const WARN_ONE_ARG = literally(
  '"revalidateTag" without the second argument is now deprecated, add second argument of ',
  '"max" or use "updateTag". See more info here: ',
  'https://nextjs.org/docs/messages/revalidate-tag-single-arg',
);
const UPDATE_TAG_MESSAGE =
  'updateTag can only be called from within a Server Action. To invalidate cache tags in Route ' +
  'Handlers or other contexts, use revalidateTag instead. See more info here: ' +
  'https://nextjs.org/docs/app/api-reference/functions/updateTag';

/** A dynamic GET that fetches with `mode` twice: the hit numbers are `expected`. */
function fetchTwice(
  mode: string,
  title: string,
  expected: [number, number],
  sources: readonly CaseSource[],
): ConformanceCase {
  return {
    id: `data-cache/fetch-${mode}`,
    title,
    rule: RULE,
    kind: 'happy',
    sources: [...sources, observed(`GET /fetch/${mode}/<key> twice → hits ${expected.join(', ')}`)],
    async run({ send, uniqueId }) {
      const key = uniqueId();
      const a = await getJson(send, `/fetch/${mode}/${key}`);
      const b = await getJson(send, `/fetch/${mode}/${key}`);
      hitsAre(`fetch ${mode}`, [a.hit, b.hit], expected);
      hitsAre('upstream count', [await upstreamHits(send, key)], [expected[1]]);
    },
  };
}

/**
 * Reads, revalidates a tag with `profile`, reads again. `expire`: the second read is fresh (the
 * entry was dropped); `stale`: it is the cached value, and a fresh one follows once the
 * background refresh is done.
 */
function tagged(
  id: string,
  title: string,
  path: (key: string) => string,
  tag: (key: string) => string,
  profile: string | undefined,
  outcome: 'expire' | 'stale',
  sources: readonly CaseSource[],
): ConformanceCase {
  const seen = outcome === 'expire' ? 'hits 1, 2, 2' : 'hits 1, 1 (stale), then 2 within ~50 ms';
  return {
    id,
    title,
    rule: RULE,
    kind: 'happy',
    sources: [
      ...sources,
      observed(`read, revalidateTag(tag${profile ? `, ${profile}` : ''}), read … → ${seen}`),
    ],
    log: profile === undefined ? WARN_ONE_ARG : undefined,
    async run(context) {
      const key = context.uniqueId();
      const first = await getJson(context.send, path(key));
      await revalidateTag(context.send, tag(key), profile);
      const second = await getJson(context.send, path(key));
      if (outcome === 'expire') {
        const third = await getJson(context.send, path(key));
        hitsAre(title, [first.hit, second.hit, third.hit], [1, 2, 2]);
        return;
      }
      hitsAre(`${title} (read, revalidate, read)`, [first.hit, second.hit], [1, 1]);
      const later = await readUntilChanged(context, path(key), 1, 50, 3_000);
      ensure(later.at(-1) === 2, `the refreshed answer is hit 2, got ${later.join(',')}`);
      hitsAre('upstream count', [await upstreamHits(context.send, key)], [2]);
    },
  };
}

const fetchTagged = (key: string) => `/fetch/force-cache-tags/${key}`;
const staticTagged = (key: string) => `/static/fetch-tagged/${key}`;

export const dataCacheCases: ConformanceCase[] = [
  fetchTwice('force-cache', "cache: 'force-cache' is fetched once", [1, 1], [fetchDoc]),
  fetchTwice('no-store', "cache: 'no-store' is fetched every time", [1, 2], [fetchDoc]),
  fetchTwice(
    'default',
    'a fetch without cache options in a dynamic GET is not cached',
    [1, 2],
    [fetchDoc],
  ),
  fetchTwice('revalidate-false', 'next.revalidate = false caches for good', [1, 1], [fetchDoc]),
  fetchTwice('revalidate-0', 'next.revalidate = 0 is not cached', [1, 2], [fetchDoc]),
  fetchTwice(
    'tags',
    'next.tags alone (no cache option, no revalidate) does not cache in a dynamic GET',
    [1, 2],
    [fetchDoc],
  ),
  fetchTwice(
    'no-store-revalidate-1',
    "cache: 'no-store' wins over next.revalidate = 1",
    [1, 2],
    [fetchDoc],
  ),
  {
    id: 'data-cache/fetch-revalidate-stale-while-revalidate',
    title:
      'next.revalidate = 1: fresh for a second, then served stale once while it is fetched again',
    rule: RULE,
    kind: 'happy',
    sources: [fetchDoc, observed('hits 1, 1 (within 1 s); after 1.2 s: 1 (stale), then 2')],
    async run(context) {
      const key = context.uniqueId();
      const path = `/fetch/revalidate-1/${key}`;
      const a = await getJson(context.send, path);
      const b = await getJson(context.send, path);
      await context.sleep(1_200);
      const stale = await getJson(context.send, path);
      hitsAre('before and just after the second', [a.hit, b.hit, stale.hit], [1, 1, 1]);
      const seen = await readUntilChanged(context, path, 1, 100, 3_000);
      ensure(seen.at(-1) === 2, `the refetched answer is hit 2, got ${seen.join(',')}`);
    },
  },
  tagged(
    'data-cache/revalidate-tag-max-fetch',
    "revalidateTag(tag, 'max') on fetch data: served stale once, then fresh",
    fetchTagged,
    (key) => `f-${key}`,
    'max',
    'stale',
    [revalidateTagDoc],
  ),
  tagged(
    'data-cache/revalidate-tag-one-argument-fetch',
    'revalidateTag(tag) (deprecated, with a warning) expires fetch data at once',
    fetchTagged,
    (key) => `f-${key}`,
    undefined,
    'expire',
    [revalidateTagDoc],
  ),
  tagged(
    'data-cache/revalidate-tag-expire-0-fetch',
    'revalidateTag(tag, { expire: 0 }) expires fetch data at once, without a warning',
    fetchTagged,
    (key) => `f-${key}`,
    'expire0',
    'expire',
    [revalidateTagDoc],
  ),
  tagged(
    'data-cache/revalidate-tag-profile-hours-fetch',
    "revalidateTag(tag, 'hours') is stale-while-revalidate like 'max'",
    fetchTagged,
    (key) => `f-${key}`,
    'hours',
    'stale',
    [revalidateTagDoc],
  ),
  {
    id: 'data-cache/revalidate-tag-profile-expire-passes',
    title:
      "revalidateTag(tag, 'brief') (expire 2 s): read after the expire time, the data is " +
      'fetched before answering',
    rule: RULE,
    kind: 'happy',
    sources: [revalidateTagDoc, observed('read → 1; revalidateTag(tag, brief); 2.3 s; read → 2')],
    async run({ send, uniqueId, sleep }) {
      const key = uniqueId();
      const first = await getJson(send, fetchTagged(key));
      await revalidateTag(send, `f-${key}`, 'brief');
      await sleep(2_300);
      const second = await getJson(send, fetchTagged(key));
      hitsAre('read, brief, wait past expire, read', [first.hit, second.hit], [1, 2]);
    },
  },
  {
    id: 'data-cache/revalidate-tag-unknown-profile',
    title:
      'revalidateTag with an unknown profile: the handler answers, the error is logged, ' +
      'nothing is revalidated',
    rule: RULE,
    kind: 'error',
    sources: [
      revalidateTagDoc,
      observed(
        'POST answers 200; log: Invalid profile provided "bogus" must be configured under ' +
          'cacheLife in next.config or be "max"',
      ),
    ],
    log: literally(
      'Error: Invalid profile provided "bogus" must be configured under cacheLife in next.config ',
      'or be "max"',
    ),
    async run({ send, uniqueId }) {
      const key = uniqueId();
      const first = await getJson(send, fetchTagged(key));
      const answer = await post(send, `/api/revalidate-tag?tag=f-${key}&profile=bogus`);
      ensure(answer.ok, 'the call itself returns: the profile is looked up after the handler');
      const second = await getJson(send, fetchTagged(key));
      const third = await getJson(send, fetchTagged(key));
      hitsAre('read, bogus, read, read', [first.hit, second.hit, third.hit], [1, 1, 1]);
    },
  },
  {
    id: 'data-cache/update-tag-in-route-handler',
    title: 'updateTag in a Route Handler throws, naming revalidateTag',
    rule: RULE,
    kind: 'error',
    sources: [updateTagDoc, observed(`the error message: ${UPDATE_TAG_MESSAGE}`)],
    request: { method: 'POST', path: '/api/update-tag?tag=x' },
    expect: {
      status: 200,
      json: { ok: false, error: { name: 'Error', message: UPDATE_TAG_MESSAGE } },
    },
  },
  {
    id: 'data-cache/update-tag-uncaught',
    title: 'an updateTag error that escapes the handler is an empty 500, logged',
    rule: RULE,
    kind: 'error',
    sources: [updateTagDoc, observed('500, empty body; log: ⨯ Error: updateTag can only be …')],
    request: { method: 'POST', path: '/api/update-tag?tag=x&throw=1' },
    expect: { status: 500, body: '' },
    log: /Error: updateTag can only be called from within a Server Action\./,
  },
  ...dataCacheMore(),
];

function dataCacheMore(): ConformanceCase[] {
  return [
    tagged(
      'data-cache/unstable-cache-tag-max',
      "unstable_cache with tags: cached, then revalidateTag(tag, 'max') serves stale once",
      (key) => `/uc/basic/${key}`,
      (key) => `uc-${key}`,
      'max',
      'stale',
      [unstableCacheDoc, revalidateTagDoc],
    ),
    tagged(
      'data-cache/unstable-cache-tag-one-argument',
      'unstable_cache with tags: revalidateTag(tag) expires it at once',
      (key) => `/uc/basic/${key}`,
      (key) => `uc-${key}`,
      undefined,
      'expire',
      [unstableCacheDoc, revalidateTagDoc],
    ),
    {
      id: 'data-cache/unstable-cache-revalidate',
      title: 'unstable_cache revalidate = 1: fresh for a second, then stale once, then fresh',
      rule: RULE,
      kind: 'happy',
      sources: [unstableCacheDoc, observed('hits 1, 1; after 1.2 s: 1 (stale), then 2')],
      async run(context) {
        const path = `/uc/revalidate-1/${context.uniqueId()}`;
        const a = await getJson(context.send, path);
        await context.sleep(1_200);
        const stale = await getJson(context.send, path);
        hitsAre('first, then after a second', [a.hit, stale.hit], [1, 1]);
        const seen = await readUntilChanged(context, path, 1, 100, 3_000);
        ensure(seen.at(-1) === 2, `the recomputed answer is hit 2, got ${seen.join(',')}`);
      },
    },
    {
      id: 'data-cache/unstable-cache-closure-not-in-key',
      title: 'unstable_cache: a value captured by the closure is not part of the key',
      rule: RULE,
      kind: 'happy',
      sources: [
        unstableCacheDoc,
        observed('GET /uc/closure/a then /uc/closure/b: b answers with key a'),
      ],
      async run({ send, uniqueId }) {
        const a = await getJson(send, `/uc/closure/${uniqueId()}`);
        const b = await getJson(send, `/uc/closure/${uniqueId()}`);
        ensure(
          a.key === b.key && a.hit === b.hit,
          `one entry for both: ${JSON.stringify([a.key, b.key])}`,
        );
      },
    },
    {
      id: 'data-cache/unstable-cache-key-parts',
      title: 'unstable_cache: keyParts and arguments are part of the key',
      rule: RULE,
      kind: 'happy',
      sources: [
        unstableCacheDoc,
        observed('parts: a, b, a → keys a, b, a; args n=1, 2, 1 → 1, 2, 1'),
      ],
      async run({ send, uniqueId }) {
        const [p, q] = [uniqueId(), uniqueId()];
        const keys = [
          (await getJson(send, `/uc/parts/${p}`)).key,
          (await getJson(send, `/uc/parts/${q}`)).key,
          (await getJson(send, `/uc/parts/${p}`)).key,
        ];
        ensure(keys.join() === [p, q, p].join(), `keyParts: got keys ${keys.join(', ')}`);
        const key = uniqueId();
        const hits: number[] = [];
        for (const n of [1, 2, 1]) hits.push((await getJson(send, `/uc/args/${key}?n=${n}`)).hit);
        hitsAre('arguments n=1, n=2, n=1', hits, [1, 2, 1]);
        const again = await getJson(send, `/uc/no-parts/${key}`);
        const twice = await getJson(send, `/uc/no-parts/${key}`);
        ensure(again.hit === twice.hit, 'without keyParts the function and arguments still key it');
      },
    },
    {
      id: 'data-cache/revalidate-tag-read-your-own-writes',
      title:
        'in the request that calls revalidateTag, the next read of that tag is fresh, whatever ' +
        'the profile',
      rule: RULE,
      kind: 'happy',
      sources: [
        revalidateTagDoc,
        observed(
          'GET /ryow/{fetch,uc}/<key>?profile={,max,expire0,hours} → { before: 1, after: 2 }',
        ),
      ],
      async run({ send, uniqueId }) {
        for (const via of ['fetch', 'uc'])
          for (const profile of ['', 'max', 'expire0', 'hours']) {
            const answer = await getJson<{ before: number; after: number }>(
              send,
              `/ryow/${via}/${uniqueId()}?profile=${profile}`,
            );
            hitsAre(`${via} profile=${profile}`, [answer.before, answer.after], [1, 2]);
          }
      },
    },
    {
      id: 'data-cache/no-store-dynamic',
      title:
        "after unstable_noStore(), a plain fetch is not cached and a 'force-cache' one still is",
      rule: RULE,
      kind: 'happy',
      sources: [noStoreDoc, observed('GET /nostore/<key> twice → plain 1, 2; forced 1, 1')],
      async run({ send, uniqueId }) {
        const key = uniqueId();
        const a = await getJson<{ plain: number; forced: number }>(send, `/nostore/${key}`);
        const b = await getJson<{ plain: number; forced: number }>(send, `/nostore/${key}`);
        hitsAre('plain', [a.plain, b.plain], [1, 2]);
        hitsAre('forced', [a.forced, b.forced], [1, 1]);
      },
    },
    ...staticCases(),
  ];
}

function staticCases(): ConformanceCase[] {
  const STATIC = 's-maxage=31536000';
  return [
    tagged(
      'data-cache/static-tag-from-fetch-max',
      "a force-static answer carries its fetch's tags: revalidateTag(tag, 'max') serves it " +
        'stale once',
      staticTagged,
      (key) => `s-${key}`,
      'max',
      'stale',
      [revalidateTagDoc, observed('x-nextjs-cache: MISS, HIT, (revalidate) STALE, HIT')],
    ),
    tagged(
      'data-cache/static-tag-from-fetch-one-argument',
      'a force-static answer carries its fetch tags: revalidateTag(tag) regenerates it before ' +
        'answering',
      staticTagged,
      (key) => `s-${key}`,
      undefined,
      'expire',
      [revalidateTagDoc, observed('x-nextjs-cache: MISS, (revalidate) MISS, HIT')],
    ),
    tagged(
      'data-cache/static-tag-from-unstable-cache',
      "a force-static answer carries its unstable_cache tags: revalidateTag(tag, 'max') reaches it",
      (key) => `/static/uc-tagged/${key}`,
      (key) => `su-${key}`,
      'max',
      'stale',
      [revalidateTagDoc, unstableCacheDoc],
    ),
    {
      id: 'data-cache/static-cache-states-header',
      title:
        'static answers say x-nextjs-cache: MISS, then HIT; STALE after a tag revalidation ' +
        'until regenerated',
      rule: RULE,
      kind: 'happy',
      sources: [observed('x-nextjs-cache: MISS, HIT, (max) STALE …, HIT with the new answer')],
      async run({ send, uniqueId, sleep }) {
        const key = uniqueId();
        const state = async () => {
          const answer = await getJson(send, staticTagged(key));
          return `${String(answer.response.header('x-nextjs-cache'))}:${answer.hit}`;
        };
        const states = [await state(), await state()];
        await revalidateTag(send, `s-${key}`, 'max');
        states.push(await state());
        for (let i = 0; i < 60 && states.at(-1) !== 'HIT:2'; i++) {
          await sleep(50);
          states.push(await state());
        }
        const text = states.join(' ');
        ensure(
          /^MISS:1 HIT:1 STALE:1( STALE:1)* HIT:2$/.test(text),
          `x-nextjs-cache:hit, in order: ${text}`,
        );
      },
    },
    {
      id: 'data-cache/static-inherits-fetch-revalidate',
      title: 'a force-static answer whose fetch has next.revalidate = 1 gets s-maxage=1',
      rule: RULE,
      kind: 'happy',
      sources: [fetchDoc, observed('Cache-Control: s-maxage=1, stale-while-revalidate=31535999')],
      async run({ send, uniqueId }) {
        const response = (await getJson(send, `/static/fetch-revalidate/${uniqueId()}`)).response;
        const value = response.header('cache-control');
        ensure(
          value === 's-maxage=1, stale-while-revalidate=31535999',
          `cache-control: got ${String(value)}`,
        );
      },
    },
    {
      id: 'data-cache/static-force-static-wins',
      title:
        "force-static keeps the answer cached even with cache: 'no-store' or " +
        'unstable_noStore() inside',
      rule: RULE,
      kind: 'happy',
      sources: [noStoreDoc, fetchDoc, observed('fetch-no-store: hits 1, 1; nostore: n 1, 1')],
      async run({ send, uniqueId }) {
        for (const route of ['fetch-no-store', 'fetch-default', 'nostore']) {
          const path = `/static/${route}/${uniqueId()}`;
          const a = await getJson<{ at: number }>(send, path);
          const b = await getJson<{ at: number }>(send, path);
          ensure(a.at === b.at, `${route}: the answer was produced again`);
          ensure(
            a.response.header('cache-control') === STATIC,
            `${route}: cache-control ${String(a.response.header('cache-control'))}`,
          );
        }
      },
    },
    {
      id: 'data-cache/static-revalidate-no-store-is-dynamic',
      title: 'revalidate = 60 with unstable_noStore() is dynamic',
      rule: RULE,
      kind: 'happy',
      sources: [noStoreDoc, observed('n 1, 2; no Cache-Control')],
      async run({ send, uniqueId }) {
        const path = `/static/revalidate-nostore/${uniqueId()}`;
        const a = await getJson<{ n: number }>(send, path);
        const b = await getJson<{ n: number }>(send, path);
        hitsAre('handler runs', [a.n, b.n], [1, 2]);
        ensure(a.response.header('cache-control') === undefined, 'no Cache-Control expected');
      },
    },
    {
      id: 'data-cache/revalidate-with-dynamic-segment-is-dynamic',
      title:
        'revalidate = 1 or false on a [key] route without generateStaticParams is dynamic ' +
        '(force-static is not)',
      rule: RULE,
      kind: 'happy',
      sources: [
        observed('next build lists /static/revalidate/[key] as ƒ; n 1, 2; no Cache-Control'),
      ],
      async run({ send, uniqueId }) {
        for (const route of ['revalidate', 'revalidate-false']) {
          const path = `/static/${route}/${uniqueId()}`;
          const a = await getJson<{ n: number }>(send, path);
          const b = await getJson<{ n: number }>(send, path);
          hitsAre(`${route}: the handler runs each time`, [a.n, b.n], [1, 2]);
          ensure(a.response.header('cache-control') === undefined, `${route}: no Cache-Control`);
        }
      },
    },
    {
      id: 'data-cache/revalidate-listed-serves-unlisted-stale',
      title:
        'revalidate = 1 with generateStaticParams: an unlisted key is cached and regenerated ' +
        'after a second',
      rule: RULE,
      kind: 'happy',
      sources: [observed('n 1, 1; after 1.2 s: 1 (STALE), then 2')],
      async run(context) {
        const path = `/static/revalidate-listed/${context.uniqueId()}`;
        const a = await getJson<{ n: number }>(context.send, path);
        const b = await getJson<{ n: number }>(context.send, path);
        hitsAre('cached', [a.n, b.n], [1, 1]);
        ensure(
          a.response.header('cache-control') === 's-maxage=1, stale-while-revalidate=31535999',
          `cache-control: got ${String(a.response.header('cache-control'))}`,
        );
        await context.sleep(1_200);
        const stale = await getJson<{ n: number }>(context.send, path);
        await context.sleep(300);
        const fresh = await getJson<{ n: number }>(context.send, path);
        hitsAre('stale, then regenerated', [stale.n, fresh.n], [1, 2]);
      },
    },
    ...revalidatePathCases(),
  ];
}

function revalidatePathCases(): ConformanceCase[] {
  /** Revalidates with `args` and reports whether `/static/plain/<key>` was produced again. */
  function pathCase(
    id: string,
    title: string,
    args: (key: string) => [string, string?],
    reaches: boolean,
    log?: RegExp,
  ): ConformanceCase {
    return {
      id,
      title,
      rule: RULE,
      kind: 'happy',
      sources: [
        revalidatePathDoc,
        observed(
          `revalidatePath then GET /static/plain/<key>: ${reaches ? 'MISS, n 2' : 'HIT, n 1'}`,
        ),
      ],
      log,
      async run({ send, uniqueId }) {
        const key = uniqueId();
        const path = `/static/plain/${key}`;
        const a = await getJson<{ n: number }>(send, path);
        const [target, type] = args(key);
        await revalidatePath(send, target, type);
        const b = await getJson<{ n: number }>(send, path);
        hitsAre(`revalidatePath(${target}, ${String(type)})`, [a.n, b.n], [1, reaches ? 2 : 1]);
      },
    };
  }
  return [
    pathCase(
      'data-cache/revalidate-path',
      'revalidatePath(path) regenerates that path before answering',
      (k) => [`/static/plain/${k}`],
      true,
    ),
    pathCase(
      'data-cache/revalidate-path-trailing-slash',
      'revalidatePath ignores a trailing slash',
      (k) => [`/static/plain/${k}/`],
      true,
    ),
    pathCase(
      'data-cache/revalidate-path-page-type',
      "revalidatePath(path, 'page') does not reach a route handler",
      (k) => [`/static/plain/${k}`, 'page'],
      false,
    ),
    pathCase(
      'data-cache/revalidate-path-parent-layout',
      "revalidatePath(parent, 'layout') reaches every route below it",
      () => ['/static', 'layout'],
      true,
    ),
    pathCase(
      'data-cache/revalidate-path-root-layout',
      "revalidatePath('/', 'layout') reaches everything",
      () => ['/', 'layout'],
      true,
    ),
    pathCase(
      'data-cache/revalidate-path-route-pattern-layout',
      "revalidatePath('/static/plain/[key]', 'layout') reaches every key",
      () => ['/static/plain/[key]', 'layout'],
      true,
    ),
    pathCase(
      'data-cache/revalidate-path-route-pattern-page',
      "revalidatePath('/static/plain/[key]', 'page') does not reach a route handler",
      () => ['/static/plain/[key]', 'page'],
      false,
    ),
    pathCase(
      'data-cache/revalidate-path-route-pattern-no-type',
      'revalidatePath of a dynamic path without type has no effect and warns',
      () => ['/static/plain/[key]'],
      false,
      literally(
        'Warning: a dynamic page path "/static/plain/[key]" was passed to "revalidatePath", ',
        'but the "type" parameter is missing. This has no effect by default',
      ),
    ),
    pathCase(
      'data-cache/revalidate-path-relative',
      'revalidatePath of a relative path is accepted and has no effect',
      (k) => [`static/plain/${k}`],
      false,
    ),
    {
      id: 'data-cache/revalidate-path-reaches-fetch-data',
      title: "revalidatePath(path) also expires the data cached by fetches in that path's handler",
      rule: RULE,
      kind: 'happy',
      sources: [
        revalidatePathDoc,
        observed('GET /fetch/force-cache/<key> → 1; revalidatePath; → 2'),
      ],
      async run({ send, uniqueId }) {
        const key = uniqueId();
        const a = await getJson(send, `/fetch/force-cache/${key}`);
        await revalidatePath(send, `/fetch/force-cache/${key}`);
        const b = await getJson(send, `/fetch/force-cache/${key}`);
        hitsAre('read, revalidatePath, read', [a.hit, b.hit], [1, 2]);
      },
    },
  ];
}
