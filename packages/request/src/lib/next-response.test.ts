import { NextRequest } from './next-request.js';
import { describe, expect, it } from 'vitest';
import { MalformedURLError } from './absolute-url.js';
import { middlewareOnlyKind, NextResponse } from './next-response.js';
import { ResponseCookies } from './response-cookies.js';

describe('NextResponse.json', () => {
  it('serialises the body as JSON and keeps the init status, status text and headers', async () => {
    const response = NextResponse.json(
      { a: 1 },
      { status: 201, statusText: 'Made', headers: { 'x-a': 'b' } },
    );
    expect(response).toBeInstanceOf(NextResponse);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-a')).toBe('b');
    expect(await response.text()).toBe('{"a":1}');
  });

  it('behaves like Response.json: status, headers, its own content type kept, errors', async () => {
    for (const [body, init] of [
      [{ a: [1, null, 'x'] }, undefined],
      ['text', { status: 202, headers: { 'content-type': 'application/vnd.api+json' } }],
      [null, { headers: [['x-b', '1']] }],
    ] as [unknown, ResponseInit | undefined][]) {
      const ours = NextResponse.json(body, init);
      const standard = Response.json(body, init);
      expect(ours.status).toBe(standard.status);
      expect([...ours.headers]).toEqual([...standard.headers]);
      expect(await ours.text()).toBe(await standard.text());
    }
    expect(() => NextResponse.json(undefined)).toThrow(TypeError);
    expect(() => NextResponse.json(1n)).toThrow(TypeError);
    expect(() => NextResponse.json({}, { status: 99 })).toThrow(RangeError);
    expect(() => NextResponse.json({}, { status: 204 })).toThrow(TypeError);
  });

  it('answers 200 by default', async () => {
    const response = NextResponse.json([1, 'two']);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([1, 'two']);
  });
});

describe('NextResponse.redirect', () => {
  it('answers 307 with the absolute URL in Location and an empty body', async () => {
    const response = NextResponse.redirect('https://example.com/a b');
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('https://example.com/a%20b');
    expect(await response.text()).toBe('');
  });

  it('takes a status number or an init with status, status text and headers', () => {
    for (const status of [301, 302, 303, 307, 308]) {
      expect(NextResponse.redirect('http://localhost/x', status).status).toBe(status);
    }
    const response = NextResponse.redirect(new URL('http://localhost/y'), {
      status: 308,
      statusText: 'Moved',
      headers: { 'x-a': '1' },
    });
    expect(response.status).toBe(308);
    expect(response.statusText).toBe('Moved');
    expect(response.headers.get('x-a')).toBe('1');
    expect(response.headers.get('location')).toBe('http://localhost/y');
  });

  it('throws RangeError for any other status', () => {
    for (const status of [200, 300, 304, 404, 500]) {
      expect(() => NextResponse.redirect('http://localhost/', status)).toThrow(RangeError);
    }
    expect(() => NextResponse.redirect('http://localhost/', { status: 200 })).toThrow(
      'Failed to execute "redirect" on "response": Invalid status code',
    );
  });

  it('refuses a relative URL with the Next.js message', () => {
    expect(() => NextResponse.redirect('/login')).toThrow(MalformedURLError);
    expect(() => NextResponse.redirect('/login')).toThrow(
      'URL is malformed "/login". Please use only absolute URLs - https://nextjs.org/docs/messages/middleware-relative-urls',
    );
  });
});

describe('NextResponse.rewrite and NextResponse.next', () => {
  it('are middleware-only responses that middlewareOnlyKind recognises', () => {
    const rewrite = NextResponse.rewrite('http://localhost/other', { headers: { 'x-a': '1' } });
    expect(rewrite.headers.get('x-middleware-rewrite')).toBe('http://localhost/other');
    expect(rewrite.headers.get('x-a')).toBe('1');
    expect(middlewareOnlyKind(rewrite)).toBe('rewrite');
    const next = NextResponse.next();
    expect(next.headers.get('x-middleware-next')).toBe('1');
    expect(middlewareOnlyKind(next)).toBe('next');
  });

  it('middlewareOnlyKind is undefined for every other response', () => {
    expect(middlewareOnlyKind(new Response('x'))).toBeUndefined();
    expect(middlewareOnlyKind(NextResponse.json({}))).toBeUndefined();
    expect(
      middlewareOnlyKind(new Response(null, { headers: { 'x-middleware-next': '1' } })),
    ).toBeUndefined();
  });

  it('rewrite refuses a relative URL', () => {
    expect(() => NextResponse.rewrite('/x')).toThrow(MalformedURLError);
  });

  it('encode { request: { headers } } as Next.js does: the names kept and each value', () => {
    const headers = new Headers({ 'x-added': 'by-proxy', cookie: 'a=1' });
    for (const response of [
      NextResponse.next({ request: { headers }, headers: { 'x-client': '1' } }),
      NextResponse.rewrite('http://localhost/to', { request: { headers } }),
    ]) {
      expect(response.headers.get('x-middleware-override-headers')).toBe('cookie,x-added');
      expect(response.headers.get('x-middleware-request-x-added')).toBe('by-proxy');
      expect(response.headers.get('x-middleware-request-cookie')).toBe('a=1');
    }
    const next = NextResponse.next({ request: { headers }, headers: { 'x-client': '1' } });
    expect(next.headers.get('x-client')).toBe('1');
    // An empty list still replaces every header of the request.
    const none = NextResponse.next({ request: { headers: new Headers() } });
    expect(none.headers.get('x-middleware-override-headers')).toBe('');
    expect(NextResponse.next({ request: {} }).headers.has('x-middleware-override-headers')).toBe(
      false,
    );
  });

  it('take the NextRequest itself as { request }, with its changed cookies', () => {
    const request = new NextRequest('http://localhost/x', { headers: { cookie: 'a=1' } });
    request.cookies.set('b', '2');
    const response = NextResponse.next({ request });
    expect(response.headers.get('x-middleware-request-cookie')).toBe('a=1; b=2');
  });

  it('refuse request headers that are not a Headers, with the Next.js message', () => {
    const init = { request: { headers: { 'x-a': '1' } as unknown as Headers } };
    expect(() => NextResponse.next(init)).toThrow('request.headers must be an instance of Headers');
    expect(() => NextResponse.rewrite('http://localhost/', init)).toThrow(
      'request.headers must be an instance of Headers',
    );
  });
});

describe('NextResponse cookies', () => {
  it('writes each cookie as its own Set-Cookie field', () => {
    const response = NextResponse.json({ ok: true });
    expect(response.cookies).toBeInstanceOf(ResponseCookies);
    expect(response.cookies).toBe(response.cookies);
    response.cookies.set('a', '1').set('b', 'x y', { httpOnly: true }).delete('c');
    expect(response.headers.getSetCookie()).toEqual([
      'a=1; Path=/',
      'b=x%20y; Path=/; HttpOnly',
      'c=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ]);
    expect(response.cookies.get('b')).toEqual({
      name: 'b',
      value: 'x y',
      path: '/',
      httpOnly: true,
    });
  });

  it('sees the Set-Cookie fields it was built with', () => {
    const response = new NextResponse(null, { headers: [['set-cookie', 'a=1; Path=/; Secure']] });
    expect(response.cookies.get('a')).toEqual({ name: 'a', value: '1', path: '/', secure: true });
    response.cookies.set('b', '2');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/; Secure', 'b=2; Path=/']);
  });
});

describe('NextResponse.redirect with a NextURL', () => {
  it('accepts request.nextUrl.clone() changed in place, as Next.js types allow', () => {
    const url = new NextRequest('http://localhost:3000/form?x=1').nextUrl.clone();
    url.pathname = '/';
    url.search = '?sent=1';
    const response = NextResponse.redirect(url, 303);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('http://localhost:3000/?sent=1');
  });
});
