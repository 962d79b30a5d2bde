import type { ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import { JSON_TYPE, TEXT_TYPE } from './helpers.js';
import { docs, observed, spec, tests } from './sources.js';

// Assertions of Next.js's own route-handler suite (test/e2e/app-dir/app-routes, see
// apps/next-compat/NEXT-E2E.md) that the other case files covered only in part: each case here
// checks the detail they left out, on a route shaped like the suite's.

const SUITE = tests.methods.url;

export const appRouteCases: ConformanceCase[] = [
  {
    id: 'methods/dispatch-dynamic-route',
    title: 'GET, POST, PUT, PATCH and DELETE on a dynamic route each reach their handler',
    rule: 'Methods',
    kind: 'happy',
    sources: [
      tests.methods,
      spec('Methods', "The seven methods … each call the route file's export of that name"),
    ],
    async run({ send }) {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const answer = await send({
          method,
          path: '/methods/tenant/vercel',
          ...(method === 'GET' ? {} : { body: '' }),
        });
        ensure(answer.status === 200, `${method}: status ${String(answer.status)}`);
        const body = answer.json() as { method: string; params: unknown };
        ensure(
          body.method === method && JSON.stringify(body.params) === '{"tenantID":"vercel"}',
          `${method}: got ${answer.body}`,
        );
      }
    },
  },
  {
    id: 'params/catch-all-under-dynamic',
    title: 'a catch-all below a dynamic segment gets both params',
    rule: 'Params',
    kind: 'happy',
    sources: [tests.params, docs.paramsTable],
    request: { path: '/methods/tenant/vercel/some/other/resource' },
    expect: {
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      json: { tenantID: 'vercel', resource: ['some', 'other', 'resource'] },
    },
  },
  {
    id: 'methods/options-custom-reads-body',
    title: 'an exported OPTIONS can read a JSON body and answers 200 with its own body',
    rule: 'Methods',
    kind: 'happy',
    sources: [
      docs.options,
      spec('Methods', 'An exported `OPTIONS` is called like any other method'),
      {
        kind: 'next-test',
        url: SUITE,
        ref: 'app-custom-routes.test.ts: OPTIONS with a JSON body answers "options bar"',
      },
    ],
    request: {
      method: 'OPTIONS',
      path: '/methods/options-body',
      headers: { 'content-type': 'application/json' },
      body: '{"foo":"bar"}',
    },
    expect: { status: 200, headers: { 'content-type': TEXT_TYPE }, body: 'options bar' },
  },
  {
    id: 'request/body-json-chunked',
    title: 'request.json() reads a body sent one character per chunk',
    rule: 'Request',
    kind: 'happy',
    sources: [
      tests.body,
      docs.requestBody,
      spec('Request', 'A request body can be read as a stream'),
    ],
    request: {
      method: 'POST',
      path: '/request/body?read=json',
      headers: { 'content-type': 'application/json' },
      bodyChunks: Array.from('{"key":"value"}'),
    },
    expect: { status: 200, json: { json: { key: 'value' } } },
  },
  {
    id: 'cookies/store-has-after-set',
    title: 'cookies(): has() is true for a name set in this request',
    rule: 'cookies(), headers() and the response',
    kind: 'happy',
    sources: [tests.hooks, docs.cookies],
    request: { path: '/cookies/store?op=has-after-set' },
    expect: { status: 200, json: { before: false, after: true } },
  },
  {
    id: 'streaming/abort-before-answer',
    title: 'a client that goes away 10 ms after sending leaves no error in the server log',
    rule: 'Streaming',
    kind: 'error',
    sources: [
      {
        kind: 'next-test',
        url: SUITE,
        ref:
          'app-custom-routes.test.ts: "abort via a DELETE request" and the other methods: no ' +
          'Error and no "should not be disturbed or locked" in the output for 3 s',
      },
      spec(
        'Streaming',
        'A client that goes away before the answer leaves no error in the server log',
      ),
    ],
    async run({ send, waitForLog }) {
      for (const method of ['GET', 'POST']) {
        await send({
          method,
          path: method === 'GET' ? '/hello' : '/request/body?read=json',
          ...(method === 'POST' ? { body: '{"a":1}' } : {}),
          abortAfterMs: 10,
        });
      }
      const logged = await waitForLog(/Error|should not be disturbed or locked/, 3_000);
      ensure(!logged, 'the server logged an error after the client went away');
      const after = await send({ path: '/hello' });
      ensure(after.status === 200, `the server stopped answering: ${String(after.status)}`);
    },
  },
  {
    id: 'caching/params-revalidate-regenerates',
    title: 'generateStaticParams + revalidate = 1: a listed param is regenerated in the background',
    rule: 'Caching and segment config',
    kind: 'happy',
    sources: [
      docs.generateStaticParams,
      docs.segmentConfig,
      observed('GET /cache/params-revalidate/a: s-maxage=1, a later answer has a later `at`'),
    ],
    async run({ send, sleep }) {
      const first = await send({ path: '/cache/params-revalidate/a' });
      ensure(
        first.header('cache-control') === 's-maxage=1, stale-while-revalidate=31535999',
        `cache-control: got ${String(first.header('cache-control'))}`,
      );
      const firstAt = (first.json() as { at: number }).at;
      let latest = firstAt;
      for (let i = 0; i < 10 && latest === firstAt; i++) {
        await sleep(600);
        latest = ((await send({ path: '/cache/params-revalidate/a' })).json() as { at: number }).at;
      }
      ensure(latest > firstAt, 'the answer was never regenerated');
    },
  },
];
