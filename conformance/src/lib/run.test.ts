import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceCase } from './case.js';
import { runCases } from './run.js';

let server: Server;
let base: string;
let log = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') {
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
      res.end('{"ok":true}');
    } else if (req.url === '/raw//path') {
      res.end(`raw ${req.method ?? ''}`);
    } else if (req.url === '/log') {
      log += 'handler said hello\n';
      res.end();
    } else {
      res.statusCode = 400;
      res.end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

const source = [{ kind: 'observed' as const, ref: 'test' }];
const ok: ConformanceCase = {
  id: 't/ok',
  title: 'ok',
  rule: 'test',
  kind: 'happy',
  sources: source,
  request: { path: '/ok' },
  expect: {
    status: 200,
    headers: { 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] },
    json: { ok: true },
  },
};
const divergent: ConformanceCase = {
  id: 't/divergent',
  title: 'divergent',
  rule: 'test',
  kind: 'error',
  sources: source,
  divergence: 'we answer 501, the reference 400',
  request: { method: 'PROPFIND', path: '/x' },
  expect: { status: 501 },
  nextjs: { status: 400 },
};

describe('runCases', () => {
  it('passes a case whose answer matches, sending the path raw', async () => {
    const raw: ConformanceCase = {
      ...ok,
      id: 't/raw',
      request: { method: 'PUT', path: '/raw//path' },
      expect: { status: 200, body: 'raw PUT' },
    };
    const results = await runCases(base, [ok, raw]);
    expect(results.map((r) => [r.id, r.outcome, r.error])).toEqual([
      ['t/ok', 'pass', undefined],
      ['t/raw', 'pass', undefined],
    ]);
  });

  it('fails a case that differs and says how', async () => {
    const [result] = await runCases(base, [{ ...ok, request: { path: '/missing' } }]);
    expect(result).toMatchObject({ outcome: 'fail', error: 'status: expected 200, got 400' });
  });

  it('reports a declared divergence as such only on a Next.js-compatible server, and only when it answers the Next.js way', async () => {
    expect((await runCases(base, [divergent]))[0]?.outcome).toBe('fail');
    expect((await runCases(base, [divergent], { nextjsCompatible: true }))[0]?.outcome).toBe(
      'divergence',
    );
    const [neither] = await runCases(base, [{ ...divergent, nextjs: { status: 418 } }], {
      nextjsCompatible: true,
    });
    expect(neither?.outcome).toBe('fail');
    expect(neither?.error).toContain(
      'and not the Next.js answer either: status: expected 418, got 400',
    );
  });

  it('checks a log line only where the log can be read', async () => {
    const logged: ConformanceCase = {
      ...ok,
      id: 't/log',
      request: { path: '/log' },
      expect: { status: 200 },
      log: /handler said hello/,
    };
    const silent: ConformanceCase = { ...logged, id: 't/silent', log: /never printed/ };
    expect((await runCases(base, [logged, silent])).map((r) => r.outcome)).toEqual([
      'pass',
      'pass',
    ]);
    const results = await runCases(base, [logged, silent], { logs: () => log });
    expect(results.map((r) => r.outcome)).toEqual(['pass', 'fail']);
  });
});
