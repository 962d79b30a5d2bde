import type { ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import { docs, observed, spec, tests } from './sources.js';
import { literally } from './helpers.js';

const RULE = 'Methods';
const throwRule = spec(
  RULE,
  'Handler throws or rejects, or throws a `Response` (not special): 500, empty body, no ' +
    'content type; the error is logged.',
);
const nonResponseRule = spec(
  RULE,
  'Handler returns something that is not a `Response`: 500, empty body, and the log says `No ' +
    'response is returned from route handler …`',
);
const middlewareOnly = spec(
  RULE,
  'Returning `NextResponse.rewrite()` or `NextResponse.next()` from a route handler: 500, ' +
    'with a log line saying it is middleware-only.',
);
const WHAT: Record<string, string> = { function: 'a function', object: 'a plain object' };
const EMPTY_500 = { status: 500, headers: { 'content-type': null }, body: '' };

function nonResponse(id: string, kind: string, received: string, method = 'GET'): ConformanceCase {
  const path = method === 'GET' ? `/errors/non-response?kind=${kind}` : '/errors/non-response';
  return {
    id,
    title: `returning ${WHAT[kind] ?? kind} instead of a Response is 500 and logged`,
    rule: RULE,
    kind: 'error',
    sources: [
      nonResponseRule,
      tests.noResponse,
      observed(
        `${method} ${path} → 500, empty body; ` +
          `log "Expected a Response object but received '${received}'"`,
      ),
    ],
    request: { method, path },
    expect: EMPTY_500,
    log: new RegExp(
      'No response is returned from route handler ' +
        String.raw`'[^']*errors/non-response/route\.[a-z]+'\. ` +
        String.raw`Expected a Response object but received '${received}' ` +
        // The pathname only: the query and a base path are not part of it.
        String.raw`\(method: ${method}, url: /errors/non-response\)\. ` +
        'Ensure you return a `Response` or a `NextResponse` in all branches of your handler\\.',
    ),
  };
}

export const errorCases: ConformanceCase[] = [
  {
    id: 'errors/throw',
    title:
      'a handler that throws is 500 with an empty body and no content type, and the error is ' +
      'logged',
    rule: RULE,
    kind: 'error',
    sources: [throwRule, tests.status500],
    request: { path: '/errors/throw' },
    expect: EMPTY_500,
    log: /conformance: thrown on purpose/,
  },
  {
    id: 'errors/reject',
    title: 'a handler whose promise rejects is 500 with an empty body, and the error is logged',
    rule: RULE,
    kind: 'error',
    sources: [throwRule],
    request: { method: 'POST', path: '/errors/throw' },
    expect: EMPTY_500,
    log: /conformance: rejected on purpose/,
  },
  {
    id: 'errors/throw-head',
    title: 'HEAD through a GET that throws is 500',
    rule: RULE,
    kind: 'error',
    sources: [throwRule, spec(RULE, 'No `HEAD` export but a `GET`: the GET handler runs')],
    request: { method: 'HEAD', path: '/errors/throw' },
    expect: { status: 500, body: '' },
  },
  {
    id: 'errors/throw-response',
    title: 'throwing a Response is not special: 500, not the thrown status, body or headers',
    rule: RULE,
    kind: 'error',
    sources: [throwRule, observed('a thrown Response(418) → 500, empty body, no x-thrown header')],
    request: { path: '/errors/throw-response' },
    expect: { status: 500, headers: { 'content-type': null, 'x-thrown': null }, body: '' },
  },
  {
    id: 'errors/non-response-head',
    title: 'HEAD through a GET that returns a non-Response is 500',
    rule: RULE,
    kind: 'error',
    sources: [nonResponseRule],
    request: { method: 'HEAD', path: '/errors/non-response?kind=object' },
    expect: { status: 500, body: '' },
  },
  nonResponse('errors/non-response-object', 'object', 'Object'),
  nonResponse('errors/non-response-string', 'string', 'string'),
  nonResponse('errors/non-response-null', 'null', 'null'),
  nonResponse('errors/non-response-undefined', 'undefined', 'undefined'),
  nonResponse('errors/non-response-number', 'number', 'number'),
  nonResponse('errors/non-response-function', 'function', 'function', 'POST'),
  {
    id: 'errors/rewrite',
    title: 'returning NextResponse.rewrite() from a route handler is 500 and logged',
    rule: RULE,
    kind: 'error',
    sources: [
      middlewareOnly,
      observed(
        'log "NextResponse.rewrite() was used in a app route handler, this is not currently ' +
          'supported"',
      ),
    ],
    request: { path: '/errors/rewrite' },
    expect: EMPTY_500,
    log: /NextResponse\.rewrite\(\)/,
  },
  {
    id: 'errors/next',
    title: 'returning NextResponse.next() from a route handler is 500 and logged',
    rule: RULE,
    kind: 'error',
    sources: [middlewareOnly, tests.nextCall],
    request: { path: '/errors/next' },
    expect: EMPTY_500,
    log: literally(
      'NextResponse.next() was used in a app route handler, this is not supported. See here ',
      'for more info: https://nextjs.org/docs/messages/next-response-next-in-app-route-handler',
    ),
  },
  {
    id: 'errors/stream-fails-after-headers',
    title:
      'a body stream that errors after the headers went out ends the connection: the client ' +
      'sees a truncated body',
    rule: 'Methods',
    kind: 'error',
    sources: [
      spec(
        RULE,
        'A stream that errors after the headers went out: the connection is closed without ' +
          'the final chunk, so the client sees a truncated body.',
      ),
      observed('200, "partial " then the socket closes ("other side closed")'),
    ],
    async run({ send }) {
      const response = await send({ path: '/errors/after-headers' });
      ensure(response.status === 200, `status: expected 200, got ${response.status}`);
      ensure(
        response.body.startsWith('partial '),
        `body: expected to start with "partial ", got ${JSON.stringify(response.body)}`,
      );
      ensure(
        response.bodyError !== undefined,
        'body: expected the connection to break off before the end of the body, but it ended ' +
          'cleanly',
      );
    },
  },
  {
    id: 'errors/server-survives',
    title: 'the server keeps answering after handler errors',
    rule: RULE,
    kind: 'happy',
    sources: [docs.helloWorld, throwRule],
    async run({ send }) {
      for (const path of [
        '/errors/throw',
        '/errors/after-headers',
        '/errors/non-response?kind=object',
      ])
        await send({ path });
      const response = await send({ path: '/hello' });
      ensure(
        response.status === 200 && response.body === '{"message":"Hello World"}',
        `GET /hello after errors: got ${response.status} ${response.body}`,
      );
    },
  },
];
