// Generated requests over raw sockets: odd bytes, percent-encodings, dot segments, long paths
// and headers, random method tokens, malformed cookies, bodies that lie about their length.
// The server must answer each one (or close a connection whose body never arrives), never with
// a 5xx, never crash or hang. RELIABILITY_RUNS sets how many (CI: a few thousand).
import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRaw } from './raw.js';
import { startFixture, type FixtureServer } from './server.js';
import { record } from './figures.js';

const SEVEN = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const runs = Number(process.env.RELIABILITY_RUNS ?? 3000);
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixture(['--body-limit', '1048576']);
});
afterAll(async () => {
  await server.stop();
});

const segmentChar = fc.constantFrom(
  'a',
  'Z',
  '0',
  '-',
  '_',
  '.',
  '~',
  '%20',
  '%2F',
  '%2f',
  '%25',
  '%ZZ',
  '%E2%82%AC',
  '%C3',
  '%FF',
  '%00',
  '+',
  '@',
  ':',
  ';',
  '=',
  '[',
  ']',
  '(',
  ')',
  '\\',
  '"',
  "'",
  '<',
  '`',
  '{',
  '\u00e9',
  '\u20ac',
  '\u0080',
  '\u00ff',
);
const segment = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(segmentChar, { minLength: 0, maxLength: 8 }).map((c) => c.join('')),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('..', '.', '', '__proto__', 'constructor', 'prototype', '%2e%2e'),
  },
);
const knownPrefix = fc.constantFrom(
  '',
  '/items',
  '/files',
  '/scoped',
  '/health',
  '/echo',
  '/json',
  '/nope',
);
const path = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(knownPrefix, fc.array(segment, { maxLength: 6 }))
      .map(([p, s]) => `${p}/${s.join('/')}`),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1000, max: 40_000 }).map((n) => `/items/${'x'.repeat(n)}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '*',
      'http://127.0.0.1/health',
      '//health',
      '/health?a=%ZZ&b',
      '/%',
      '/a%2',
    ),
  },
);
const method = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('TRACE', 'PROPFIND', 'QUERY', 'CONNECT', 'BREW', 'get', 'M-SEARCH'),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z!#$%&'*+.^_`|~-]{1,12}$/) },
);
const cookie = fc
  .array(
    fc.constantFrom(
      'a=1',
      'a=2',
      'user=x',
      '=v',
      'novalue',
      'b=%ZZ',
      'c=%E2%82%AC',
      '__proto__=1',
      'constructor=2',
      ' ; ',
      'd="q"',
      'e=\u00ff',
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join('; '));
const extraHeader = fc.oneof(
  fc.constant(''),
  fc.constant('X-Long: ' + 'v'.repeat(20_000) + '\r\n'),
  fc.constant('__proto__: x\r\n'),
  fc.constant('Constructor: y\r\n'),
  fc.constant('Transfer-Encoding: chunked\r\n'),
);
const body = fc.record({
  content: fc.string({ maxLength: 64 }),
  lie: fc.constantFrom('exact', 'more', 'less', 'none', 'invalid'),
});

function build(
  m: string,
  p: string,
  c: string,
  extra: string,
  b: { content: string; lie: string },
): Buffer {
  const payload = Buffer.from(b.content);
  let length = '';
  if (b.lie === 'exact') length = `Content-Length: ${String(payload.length)}\r\n`;
  else if (b.lie === 'more') length = `Content-Length: ${String(payload.length + 10)}\r\n`;
  else if (b.lie === 'less')
    length = `Content-Length: ${String(Math.max(0, payload.length - 1))}\r\n`;
  else if (b.lie === 'invalid') length = 'Content-Length: 12abc\r\n';
  const head = `${m} ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${c ? `Cookie: ${c}\r\n` : ''}${extra}${length}\r\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), payload]);
}

describe('fuzzed requests over raw sockets', () => {
  it(`answers ${String(runs)} generated requests without a 5xx, a crash or a hang`, async () => {
    const seen = new Map<number | string, number>();
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(method, path, cookie, extraHeader, body, async (m, p, c, extra, b) => {
        tried += 1;
        const answer = await sendRaw(server.port, build(m, p, c, extra, b), 5000);
        const key = answer.status ?? `no answer (${answer.closedBy})`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        // A body that never arrives may end without an answer, but never in a hang.
        expect(answer.closedBy).not.toBe('timeout');
        if (answer.status === undefined) {
          expect(b.lie === 'more' || b.lie === 'invalid' || extra.includes('chunked')).toBe(true);
          return;
        }
        // 501 is the answer for a method token outside the seven (RFC 9110 §15.6.2); no other 5xx.
        if (answer.status === 501) expect(SEVEN.has(m)).toBe(false);
        else expect(answer.status).toBeLessThan(500);
        if (answer.status === 400 || answer.status === 431)
          expect(answer.body.length).toBeLessThan(200);
      }),
      { numRuns: runs, endOnFailure: true },
    );
    expect(server.child.exitCode).toBeNull();
    const health = await request(`${server.url}/health`);
    expect(await health.body.text()).toBe('ok');
    record('fuzz', { tried, statuses: Object.fromEntries(seen) });
  }, 600_000);
});
