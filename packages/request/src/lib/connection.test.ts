import { describe, expect, it } from 'vitest';
import { connection, ImageResponse, URLPattern } from './connection.js';
import { NextRequest } from './next-request.js';
import { createRequestScope, OutsideRequestScopeError, runInScope } from './scope.js';

const scope = () => createRequestScope(new NextRequest('http://localhost/x'));

describe('connection()', () => {
  it('resolves with nothing inside a request', async () => {
    await expect(runInScope(scope(), connection)).resolves.toBeUndefined();
  });

  it('throws Next.js error outside a request', () => {
    expect(connection).toThrow(OutsideRequestScopeError);
    expect(connection).toThrow(
      '`connection` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context',
    );
  });

  it('tells the scope that the handler asked for the request (a static production fails on it)', () => {
    const s = scope();
    const asked: string[] = [];
    s.dynamicUsage = (expression) => {
      asked.push(expression);
      throw new Error(`used ${expression}`);
    };
    expect(() => runInScope(s, connection)).toThrow('used connection()');
    expect(asked).toEqual(['connection()']);
  });
});

describe('URLPattern', () => {
  it("is the runtime's own, or undefined where there is none", () => {
    expect(URLPattern).toBe((globalThis as { URLPattern?: unknown }).URLPattern);
  });
});

describe('ImageResponse from next/server', () => {
  it('throws Next.js error pointing to next/og', () => {
    expect(() => ImageResponse()).toThrow(
      'ImageResponse moved from "next/server" to "next/og" since Next.js 14, please import from "next/og" instead',
    );
  });
});
