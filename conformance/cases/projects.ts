import type { ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import { JSON_TYPE } from './helpers.js';
import { observed, spec } from './sources.js';

// Cases that need a fixture project of their own (`fixtureProjects` below names it):
// - fixtures-packages: routes that import npm packages built for Next.js (@vercel/functions),
//   served by real Next.js 16 and by approute;
// - fixtures-next15: a project written for Next.js 15 (params, cookies(), headers() and
//   draftMode() used without await), served by real Next.js 15 (its own node_modules) and by
//   approute switched to Next.js 15's behaviour by its package.json key
//   `"approute": { "compat": "next15" }`.

const PACKAGES = 'Packages built for Next.js';
const NEXT15 = 'Next.js 15 compatibility';
const FUNCTIONS =
  'https://vercel.com/docs/functions/functions-api-reference/vercel-functions-package';

const docs = {
  waitUntil: {
    kind: 'docs',
    url: `${FUNCTIONS}#waituntil`,
    ref:
      '@vercel/functions: "waitUntil: This method allows you to extend the lifetime of a ' +
      'request handler for the duration of a given Promise."',
  },
  ipAddress: {
    kind: 'docs',
    url: `${FUNCTIONS}#ipaddress`,
    ref: '@vercel/functions: "ipAddress: Returns the IP address of the request from the headers."',
  },
  geolocation: {
    kind: 'docs',
    url: `${FUNCTIONS}#geolocation`,
    ref:
      '@vercel/functions: "geolocation: Returns the location information for the incoming ' +
      'request" (city, country, flag, countryRegion, region, latitude, longitude, postalCode)',
  },
  v15: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/guides/upgrading/version-15',
    ref:
      'Upgrading to version 15: "For an easier migration, these APIs can be accessed ' +
      'synchronously, but will show warnings in development and production until the next ' +
      'major version"',
  },
  v16: {
    kind: 'docs',
    url: 'https://nextjs.org/docs/app/guides/upgrading/version-16',
    ref:
      'Upgrading to version 16: "Starting with Next.js 16, synchronous access is fully ' +
      'removed. These APIs can only be accessed asynchronously."',
  },
} as const;

const clientRule = spec(
  PACKAGES,
  '**Divergence (approute)**: `ipAddress(request)` is the address of the connection, and ' +
    '`geolocation(request)` is empty, unless the server trusts a proxy',
);
const DIVERGENCE_IP =
  "@vercel/functions reads the client's address from X-Real-IP, which only a proxy should set: " +
  'approute sets it from the connection unless it trusts a proxy; Next.js passes the header ' +
  'as the client sent it (none: undefined; a forged one: believed)';
const syncRule = spec(
  NEXT15,
  'With the compat switch, `params`, `cookies()`, `headers()` and `draftMode()` can also be ' +
    'used without `await`, as Next.js 15 allowed',
);

const packageCases: ConformanceCase[] = [
  {
    id: 'packages/wait-until',
    title: '@vercel/functions waitUntil: the answer goes out first, the work finishes after',
    rule: PACKAGES,
    kind: 'happy',
    sources: [
      docs.waitUntil,
      spec(
        PACKAGES,
        "`waitUntil(promise)` from `@vercel/functions` returns at once and the promise's work " +
          'goes on after the answer was sent',
      ),
    ],
    async run({ send, uniqueId, sleep }) {
      const id = uniqueId();
      const answer = await send({ method: 'POST', path: `/vercel/wait-until?id=${id}` });
      ensure(answer.status === 200, `status ${String(answer.status)}`);
      ensure(
        (answer.json() as { returned: string }).returned === 'undefined',
        `waitUntil returned ${answer.body}`,
      );
      const right = (await send({ path: `/state?id=${id}` })).json() as string[];
      ensure(right.join() === 'answered', `right after the answer: ${JSON.stringify(right)}`);
      let events = right;
      for (let i = 0; i < 30 && events.length < 2; i++) {
        await sleep(100);
        events = (await send({ path: `/state?id=${id}` })).json() as string[];
      }
      ensure(
        events.join() === 'answered,work done',
        `the work did not finish: ${JSON.stringify(events)}`,
      );
    },
  },
  {
    id: 'packages/wait-until-rejects',
    title: 'a waitUntil promise that rejects is logged and the server goes on',
    rule: PACKAGES,
    kind: 'error',
    sources: [
      docs.waitUntil,
      spec(PACKAGES, 'a promise that rejects is logged, and the server goes on serving'),
      observed('the rejection is logged ("waitUntil work failed")'),
    ],
    log: /waitUntil work failed/,
    async run({ send, uniqueId, sleep }) {
      const id = uniqueId();
      const answer = await send({ method: 'POST', path: `/vercel/wait-until?id=${id}&fail` });
      ensure(answer.status === 200, `status ${String(answer.status)}`);
      await sleep(600);
      const later = await send({ path: `/state?id=${id}` });
      ensure(later.status === 200, `the server stopped answering: ${String(later.status)}`);
    },
  },
  {
    id: 'packages/ip-address',
    title: '@vercel/functions ipAddress: the address of the connection',
    rule: PACKAGES,
    kind: 'happy',
    sources: [docs.ipAddress, clientRule, observed('GET /vercel/ip → { ip: null } on next start')],
    divergence: DIVERGENCE_IP,
    request: { path: '/vercel/ip' },
    expect: {
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      jsonIncludes: { ip: '127.0.0.1' },
    },
    nextjs: { status: 200, jsonIncludes: { ip: null } },
  },
  {
    id: 'packages/ip-address-forged',
    title: "a client's own X-Real-IP is not believed without a trusted proxy",
    rule: PACKAGES,
    kind: 'error',
    sources: [docs.ipAddress, clientRule, observed('X-Real-IP: 203.0.113.9 → ip 203.0.113.9')],
    divergence: DIVERGENCE_IP,
    request: { path: '/vercel/ip', headers: { 'x-real-ip': '203.0.113.9' } },
    expect: { status: 200, jsonIncludes: { ip: '127.0.0.1' } },
    nextjs: { status: 200, jsonIncludes: { ip: '203.0.113.9' } },
  },
  {
    id: 'packages/geolocation-forged',
    title: "a client's own X-Vercel-IP-* headers are not believed without a trusted proxy",
    rule: PACKAGES,
    kind: 'error',
    sources: [docs.geolocation, clientRule, observed('X-Vercel-IP-Country: DE → country DE')],
    divergence: DIVERGENCE_IP,
    request: {
      path: '/vercel/ip',
      headers: { 'x-vercel-ip-country': 'DE', 'x-vercel-ip-city': 'Berlin' },
    },
    expect: { status: 200, json: { ip: '127.0.0.1', geo: { region: 'dev1' } } },
    nextjs: {
      status: 200,
      json: { ip: null, geo: { city: 'Berlin', country: 'DE', flag: '🇩🇪', region: 'dev1' } },
    },
  },
  {
    id: 'packages/geolocation-none',
    title: '@vercel/functions geolocation without Vercel headers: only the region "dev1"',
    rule: PACKAGES,
    kind: 'happy',
    sources: [
      docs.geolocation,
      spec(PACKAGES, 'without the headers, `geolocation()` gives only `region: "dev1"`'),
    ],
    request: { path: '/vercel/ip' },
    expect: { status: 200, jsonIncludes: { geo: { region: 'dev1' } } },
  },
];

const next15Cases: ConformanceCase[] = [
  {
    id: 'next15/params-sync',
    title: 'params.id without await, and the same params awaited',
    rule: NEXT15,
    kind: 'happy',
    sources: [docs.v15, syncRule, observed('Next.js 15.5: GET /compat/params/7 → id "7"')],
    request: { path: '/compat/params/7' },
    expect: {
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      json: { id: '7', awaited: { id: '7' }, isPromise: true },
    },
  },
  {
    id: 'next15/params-catch-all',
    title: "a catch-all's params without await, and spread",
    rule: NEXT15,
    kind: 'happy',
    sources: [docs.v15, syncRule],
    request: { path: '/compat/catch-all/a/b' },
    expect: { status: 200, json: { rest: ['a', 'b'], spread: { rest: ['a', 'b'] } } },
  },
  {
    id: 'next15/cookies-sync',
    title: 'cookies().get(), has(), set() and getAll() without await',
    rule: NEXT15,
    kind: 'happy',
    sources: [docs.v15, syncRule],
    request: { path: '/compat/cookies', headers: { cookie: 'a=1' } },
    expect: {
      status: 200,
      headers: { 'set-cookie': ['set=by-sync-call; Path=/'] },
      json: { a: '1', hasB: false, names: ['a', 'set'] },
    },
  },
  {
    id: 'next15/headers-sync',
    title: 'headers().get() and has() without await',
    rule: NEXT15,
    kind: 'happy',
    sources: [docs.v15, syncRule],
    request: { path: '/compat/headers', headers: { 'x-custom': 'hello' } },
    expect: { status: 200, json: { custom: 'hello', has: true, missing: null } },
  },
  {
    id: 'next15/draft-mode-sync',
    title: 'draftMode().isEnabled and enable() without await',
    rule: NEXT15,
    kind: 'happy',
    sources: [docs.v15, syncRule],
    request: { path: '/compat/draft-mode?enable' },
    expect: {
      status: 200,
      headers: { 'set-cookie': /^__prerender_bypass=[^;]+; Path=\// },
      json: { before: false, after: true },
    },
  },
];

/** A fixture project of its own and the cases that run against it. */
export interface FixtureProject {
  /** The project folder, relative to the package. */
  fixture: string;
  /** Which Next.js checks the cases: the suite's (16) or the project's own (node_modules). */
  nextjs: 'suite' | 'project';
  cases: readonly ConformanceCase[];
}

/** The cases that need a fixture project of their own. */
export const fixtureProjects: readonly FixtureProject[] = [
  { fixture: 'fixtures-packages', nextjs: 'suite', cases: packageCases },
  { fixture: 'fixtures-next15', nextjs: 'project', cases: next15Cases },
];

/** Every case of the fixture projects, in report order. */
export const projectCases: readonly ConformanceCase[] = fixtureProjects.flatMap((p) => p.cases);
