import { literally } from './helpers.js';
import type { CaseContext, CaseSource, ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import {
  getJson,
  hitsAre,
  readUntilChanged,
  revalidatePath,
  revalidateTag,
} from './data-cache-helpers.js';
import { observed } from './sources.js';

// `'use cache'` functions with `cacheLife()` and `cacheTag()`, called from route handlers, with
// Next's default in-memory `cacheHandlers`. These cases run against
// `fixtures-cache-components/` (`cacheComponents: true`), with `CACHE_UPSTREAM` set; see
// `fixtures-cache/OBSERVED.md`.

const RULE = 'Data cache and tags';
const useCacheDoc: CaseSource = {
  kind: 'docs',
  url: 'https://nextjs.org/docs/app/api-reference/directives/use-cache',
  ref:
    "use cache (summary): the return value of a 'use cache' function is cached; its arguments " +
    'are part of the key; it needs `cacheComponents: true`.',
};
const cacheLifeDoc: CaseSource = {
  kind: 'docs',
  url: 'https://nextjs.org/docs/app/api-reference/functions/cacheLife',
  ref:
    'cacheLife (summary): profiles `default` (revalidate 15 min, expire never), `seconds` ' +
    "(revalidate 1 s, expire 60 s), … `max`; custom profiles in next.config's `cacheLife`, or `{ " +
    'stale, revalidate, expire }` inline.',
};
const cacheTagDoc: CaseSource = {
  kind: 'docs',
  url: 'https://nextjs.org/docs/app/api-reference/functions/cacheTag',
  ref: 'cacheTag (summary): tags a cached entry for revalidateTag; one call may give several tags.',
};

const ROUTE_IN_ERROR = 'Route "/errors/[kind]": ';
const HIDDEN =
  'An error occurred in the Server Components render. The specific message is omitted in ' +
  'production builds to avoid leaking sensitive details. A digest property is included on this ' +
  'error instance which may provide additional details about the nature of the error.';

/** GET /errors/<kind> answers the message the misuse threw. */
function misuse(kind: string, title: string, message: string, log?: RegExp): ConformanceCase {
  return {
    id: `cache-components/error-${kind}`,
    title,
    rule: RULE,
    kind: 'error',
    sources: [useCacheDoc, observed(`GET /errors/${kind} → ${message}`)],
    request: { path: `/errors/${kind}` },
    expect: { status: 200, json: { ok: false, error: { name: 'Error', message } } },
    log,
  };
}

export const cacheComponentsCases: ConformanceCase[] = [
  {
    id: 'cache-components/use-cache-profiles-cache',
    title: "a 'use cache' function is run once per key, with every cacheLife profile",
    rule: RULE,
    kind: 'happy',
    sources: [useCacheDoc, cacheLifeDoc, observed('GET /data/<profile>/<key> twice → hits 1, 1')],
    async run({ send, uniqueId }) {
      for (const profile of ['default', 'seconds', 'brief', 'inline', 'max']) {
        const key = uniqueId();
        const a = await getJson(send, `/data/${profile}/${key}`);
        const b = await getJson(send, `/data/${profile}/${key}`);
        hitsAre(profile, [a.hit, b.hit], [1, 1]);
      }
    },
  },
  {
    id: 'cache-components/use-cache-arguments-key',
    title: "a 'use cache' function's arguments are part of its key",
    rule: RULE,
    kind: 'happy',
    sources: [useCacheDoc, observed('n=1, n=2, n=1 → hits 1, 2, 1')],
    async run({ send, uniqueId }) {
      const key = uniqueId();
      const hits: number[] = [];
      for (const n of [1, 2, 1]) hits.push((await getJson(send, `/data/args/${key}?n=${n}`)).hit);
      hitsAre('n=1, n=2, n=1', hits, [1, 2, 1]);
    },
  },
  {
    id: 'cache-components/use-cache-past-revalidate-recomputes',
    title:
      "cacheLife('seconds'): after the revalidate time the default handler recomputes before " +
      'answering (no stale answer)',
    rule: RULE,
    kind: 'happy',
    sources: [
      cacheLifeDoc,
      observed(
        'hits 1; after 1.2 s: 2 at once (the in-memory handler drops entries past revalidate)',
      ),
    ],
    async run({ send, uniqueId, sleep }) {
      for (const profile of ['seconds', 'brief']) {
        const path = `/data/${profile}/${uniqueId()}`;
        const a = await getJson(send, path);
        await sleep(1_200);
        const b = await getJson(send, path);
        hitsAre(`${profile}: read, 1.2 s, read`, [a.hit, b.hit], [1, 2]);
      }
    },
  },
  {
    id: 'cache-components/use-cache-inline-profile',
    title:
      'cacheLife({ revalidate: 2 }) inline, with the default in-memory handler: cached at 1 s, ' +
      'recomputed after 2 s',
    rule: RULE,
    kind: 'happy',
    sources: [cacheLifeDoc, observed('hits 1; 1 s: 1; 2.3 s: 2')],
    async run({ send, uniqueId, sleep }) {
      const path = `/data/inline/${uniqueId()}`;
      const a = await getJson(send, path);
      await sleep(1_000);
      const b = await getJson(send, path);
      await sleep(1_300);
      const c = await getJson(send, path);
      hitsAre('0 s, 1 s, 2.3 s', [a.hit, b.hit, c.hit], [1, 1, 2]);
    },
  },
  ...tagCases(),
];

function tagCases(): ConformanceCase[] {
  function tagged(
    id: string,
    title: string,
    profile: string | undefined,
    outcome: 'expire' | 'stale',
    route = 'default',
    tag = (key: string) => `c-${key}`,
  ): ConformanceCase {
    const seen = outcome === 'expire' ? 'hits 1, 2, 2' : 'hits 1, 1 (stale), then 2';
    return {
      id,
      title,
      rule: RULE,
      kind: 'happy',
      sources: [
        cacheTagDoc,
        observed(`read, revalidateTag(tag, ${String(profile)}), read … → ${seen}`),
      ],
      async run(context) {
        const key = context.uniqueId();
        const path = `/data/${route}/${key}`;
        const first = await getJson(context.send, path);
        await revalidateTag(context.send, tag(key), profile);
        const second = await getJson(context.send, path);
        if (outcome === 'expire') {
          const third = await getJson(context.send, path);
          hitsAre(title, [first.hit, second.hit, third.hit], [1, 2, 2]);
          return;
        }
        hitsAre(`${title} (read, revalidate, read)`, [first.hit, second.hit], [1, 1]);
        const later = await readUntilChanged(context, path, 1, 50, 3_000);
        ensure(later.at(-1) === 2, `the recomputed answer is hit 2, got ${later.join(',')}`);
      },
    };
  }
  return [
    tagged(
      'cache-components/cache-tag-max',
      "cacheTag + revalidateTag(tag, 'max'): served stale once, then recomputed",
      'max',
      'stale',
    ),
    tagged(
      'cache-components/cache-tag-one-argument',
      'cacheTag + revalidateTag(tag): recomputed before answering',
      undefined,
      'expire',
    ),
    tagged(
      'cache-components/cache-tag-expire-0',
      'cacheTag + revalidateTag(tag, { expire: 0 }): recomputed before answering',
      'expire0',
      'expire',
    ),
    tagged(
      'cache-components/cache-tag-second-tag',
      "cacheTag(a, b): revalidating b reaches the entry ('max': stale once)",
      'max',
      'stale',
      'max',
      (key) => `c2-${key}`,
    ),
    {
      id: 'cache-components/revalidate-tag-not-read-your-own-writes',
      title:
        "in the request that calls revalidateTag, a 'use cache' read of that tag still answers " +
        'the cached value',
      rule: RULE,
      kind: 'happy',
      sources: [cacheTagDoc, observed('GET /ryow/<key>?profile={,max} → { before: 1, after: 1 }')],
      async run({ send, uniqueId }) {
        for (const profile of ['', 'max']) {
          const answer = await getJson<{ before: number; after: number }>(
            send,
            `/ryow/${uniqueId()}?profile=${profile}`,
          );
          hitsAre(`profile=${profile}`, [answer.before, answer.after], [1, 1]);
        }
      },
    },
    {
      id: 'cache-components/revalidate-path-reaches-use-cache',
      title: "revalidatePath(path) expires the 'use cache' entries read by that path's handler",
      rule: RULE,
      kind: 'happy',
      sources: [observed('GET /data/default/<key> → 1; revalidatePath; → 2')],
      async run({ send, uniqueId }) {
        for (const route of ['/data/default', '/static/upstream']) {
          const path = `${route}/${uniqueId()}`;
          const a = await getJson(send, path);
          await revalidatePath(send, path);
          const b = await getJson(send, path);
          hitsAre(`${route}: read, revalidatePath, read`, [a.hit, b.hit], [1, 2]);
        }
      },
    },
    ...staticCases(),
    misuse(
      'cache-tag-outside',
      "cacheTag() outside 'use cache' throws",
      `${ROUTE_IN_ERROR}\`cacheTag()\` can only be called inside a \`"use cache"\` or ` +
        '`"use cache: private"` function.\nLearn more: ' +
        'https://nextjs.org/docs/messages/cache-tag-outside-use-cache',
    ),
    misuse(
      'cache-life-outside',
      "cacheLife() outside 'use cache' throws",
      `${ROUTE_IN_ERROR}\`cacheLife()\` can only be called inside a \`"use cache"\` or ` +
        '`"use cache: private"` function.\nLearn more: ' +
        'https://nextjs.org/docs/messages/cache-life-outside-use-cache',
    ),
    misuse(
      'update-tag',
      'updateTag in a Route Handler throws (Cache Components too)',
      'updateTag can only be called from within a Server Action. To invalidate cache tags in ' +
        'Route Handlers or other contexts, use revalidateTag instead. See more info here: ' +
        'https://nextjs.org/docs/app/api-reference/functions/updateTag',
    ),
    misuse(
      'revalidate-inside',
      "revalidateTag inside 'use cache' rejects; production hides the message, the log has it",
      HIDDEN,
      literally(
        'Error: Route "/errors/[kind]": `revalidateTag("x")` can\'t be called inside a cached ',
        'function. Call it from a Server Action or Route Handler instead.',
      ),
    ),
    misuse(
      'headers-inside',
      "headers() inside 'use cache' rejects; production hides the message, the log has it",
      HIDDEN,
      literally(
        'Error: Route "/errors/[kind]": `headers()` can\'t be read inside `"use cache"`. Read it ',
        'outside the cached function and pass what you need as an argument.',
      ),
    ),
  ];
}

/**
 * `/static/stamp` has a fixed path, and its answer outlives a server (Next keeps regenerated
 * answers in `.next`): expire it, then read until two reads 150 ms apart agree, so no
 * regeneration started by an earlier read is still running.
 */
async function settledStamp(context: CaseContext): Promise<number> {
  await revalidatePath(context.send, '/static/stamp');
  let last = (await getJson<{ stamp: number }>(context.send, '/static/stamp')).stamp;
  for (let i = 0; i < 20; i++) {
    await context.sleep(150);
    const next = (await getJson<{ stamp: number }>(context.send, '/static/stamp')).stamp;
    if (next === last) return next;
    last = next;
  }
  throw new Error('GET /static/stamp kept changing for 3 s');
}

function staticCases(): ConformanceCase[] {
  return [
    {
      id: 'cache-components/static-route-lifetime',
      title:
        "a GET that reads only 'use cache' data is prerendered with the default profile's lifetime",
      rule: RULE,
      kind: 'happy',
      sources: [
        cacheLifeDoc,
        observed('Cache-Control: s-maxage=900, stale-while-revalidate=31535100; same body twice'),
      ],
      async run(context) {
        await settledStamp(context);
        const a = await getJson<{ stamp: number }>(context.send, '/static/stamp');
        const b = await getJson<{ stamp: number }>(context.send, '/static/stamp');
        ensure(a.stamp === b.stamp, 'the answer was produced again');
        const value = a.response.header('cache-control');
        ensure(
          value === 's-maxage=900, stale-while-revalidate=31535100',
          `cache-control: got ${String(value)}`,
        );
      },
    },
    {
      id: 'cache-components/static-route-tags',
      title:
        "a prerendered GET carries the tags of the 'use cache' data it read: 'max' serves it " +
        'stale once, one argument regenerates it',
      rule: RULE,
      kind: 'happy',
      sources: [cacheTagDoc, observed('stamps A; max → A (STALE), B; one-arg → C (MISS), C')],
      async run(context) {
        const { send, sleep } = context;
        const stamp = async () => (await getJson<{ stamp: number }>(send, '/static/stamp')).stamp;
        const a = await settledStamp(context);
        await revalidateTag(send, 'cc-stamp', 'max');
        const stale = await stamp();
        let b = stale;
        for (let i = 0; i < 60 && b === a; i++) {
          await sleep(50);
          b = await stamp();
        }
        ensure(stale === a && b !== a, `max: stamps ${[a, stale, b].join(', ')}`);
        const settled = await settledStamp(context);
        await revalidateTag(send, 'cc-stamp');
        const c = await stamp();
        const d = await stamp();
        ensure(c !== settled && c === d, `one argument: stamps ${[settled, c, d].join(', ')}`);
      },
    },
    {
      id: 'cache-components/static-route-revalidate-path',
      title: 'revalidatePath regenerates a prerendered GET before answering',
      rule: RULE,
      kind: 'happy',
      sources: [observed('stamp A; revalidatePath(/static/stamp); stamp B, B')],
      async run(context) {
        const { send } = context;
        const stamp = async () => (await getJson<{ stamp: number }>(send, '/static/stamp')).stamp;
        const a = await settledStamp(context);
        await revalidatePath(send, '/static/stamp');
        const b = await stamp();
        const c = await stamp();
        ensure(a !== b && b === c, `stamps ${[a, b, c].join(', ')}`);
      },
    },
    {
      id: 'cache-components/short-life-route-dynamic',
      title: "a GET that reads 'use cache' data with a short expire is not prerendered",
      rule: RULE,
      kind: 'happy',
      sources: [cacheLifeDoc, observed('next build lists /static/brief as ƒ; no Cache-Control')],
      request: { path: '/static/brief' },
      expect: { status: 200, headers: { 'cache-control': null } },
    },
    {
      id: 'cache-components/dynamic-segment-route-not-cached',
      title:
        "a [key] GET without generateStaticParams runs per request; its 'use cache' call is " +
        'what is cached',
      rule: RULE,
      kind: 'happy',
      sources: [observed('no Cache-Control; same stamp twice; max → stale once, then new')],
      async run({ send, uniqueId, sleep }) {
        const key = uniqueId();
        const path = `/static/stamp/${key}`;
        const a = await getJson<{ stamp: number }>(send, path);
        const b = await getJson<{ stamp: number }>(send, path);
        ensure(a.response.header('cache-control') === undefined, 'no Cache-Control expected');
        ensure(a.stamp === b.stamp, 'the cached call ran again');
        await revalidateTag(send, `cs-${key}`, 'max');
        const stale = await getJson<{ stamp: number }>(send, path);
        let fresh = stale;
        for (let i = 0; i < 60 && fresh.stamp === a.stamp; i++) {
          await sleep(50);
          fresh = await getJson<{ stamp: number }>(send, path);
        }
        ensure(stale.stamp === a.stamp && fresh.stamp !== a.stamp, 'max: stale once, then new');
      },
    },
  ];
}
