import { describe, expect, it } from 'vitest';
import type { CaseResponse } from './case.js';
import { ensure, ExpectationError, expectResponse, parseMismatch } from './expect.js';

function response(status: number, headers: Record<string, string[]>, body: string): CaseResponse {
  return {
    status,
    statusText: '',
    headers,
    body,
    bytes: new TextEncoder().encode(body),
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

describe('the parts of a difference', () => {
  function thrown(run: () => void): ExpectationError {
    try {
      run();
    } catch (error) {
      if (error instanceof ExpectationError) return error;
      throw error;
    }
    throw new Error('did not throw');
  }

  it('are what was checked, what was expected and what came back', () => {
    const res = response(
      200,
      { 'content-type': ['application/json'] },
      '{"error":{"name":"Error"}}',
    );
    expect(
      thrown(() => {
        expectResponse(res, { status: 200, jsonIncludes: { error: { name: 'TypeError' } } });
      }).mismatch,
    ).toEqual({ what: 'json.error.name', expected: '"TypeError"', actual: '"Error"' });
    expect(
      thrown(() => {
        expectResponse(res, { status: 308 });
      }).mismatch,
    ).toEqual({
      what: 'status',
      expected: '308',
      actual: '200 (body "{\\"error\\":{\\"name\\":\\"Error\\"}}")',
    });
  });

  it("are read from a custom check's message of the same form, and absent otherwise", () => {
    expect(
      thrown(() => {
        ensure(false, 'events: expected ["handler","after"], got []');
      }).mismatch,
    ).toEqual({ what: 'events', expected: '["handler","after"]', actual: '[]' });
    expect(parseMismatch('expected 200 without Set-Cookie, got 500 x')).toEqual({
      what: 'answer',
      expected: '200 without Set-Cookie',
      actual: '500 x',
    });
    expect(parseMismatch('the answer was never regenerated')).toBeUndefined();
  });
});
