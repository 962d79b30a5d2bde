import { describe, expect, it } from 'vitest';
import type { CaseResponse } from './case.js';
import { expectResponse } from './expect.js';

function response(status: number, headers: Record<string, string[]>, body: string): CaseResponse {
  return {
    status,
    statusText: '',
    headers,
    body,
    chunks: [],
    header: (name) => headers[name]?.[0],
    json: () => JSON.parse(body) as unknown,
  };
}

describe('expectResponse', () => {
  it('accepts an answer that matches status, headers and JSON', () => {
    const res = response(
      200,
      { 'content-type': ['application/json'], 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] },
      '{"a":[1,2],"b":{"c":true}}',
    );
    expect(() => {
      expectResponse(res, {
        status: 200,
        headers: {
          'content-type': /json/,
          'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
          allow: null,
        },
        json: { a: [1, 2], b: { c: true } },
      });
    }).not.toThrow();
    expect(() => {
      expectResponse(res, { status: 200, jsonIncludes: { b: { c: true } } });
    }).not.toThrow();
  });

  it('names the first difference', () => {
    const res = response(405, { allow: ['GET'] }, '');
    expect(() => {
      expectResponse(res, { status: 404 });
    }).toThrow('status: expected 404, got 405');
    expect(() => {
      expectResponse(res, { status: 405, headers: { allow: null } });
    }).toThrow('header allow: expected absent, got ["GET"]');
    expect(() => {
      expectResponse(res, { status: 405, headers: { allow: 'GET, HEAD' } });
    }).toThrow('header allow: expected "GET, HEAD", got ["GET"]');
    expect(() => {
      expectResponse(res, { status: 405, body: 'x' });
    }).toThrow('body: expected "x", got ""');
  });

  it('treats repeated fields as separate values, never joined', () => {
    const res = response(200, { 'set-cookie': ['a=1', 'b=2'] }, '');
    expect(() => {
      expectResponse(res, { status: 200, headers: { 'set-cookie': 'a=1, b=2' } });
    }).toThrow(/expected "a=1, b=2"/);
  });
});
