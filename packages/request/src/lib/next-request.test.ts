import { describe, expect, it } from 'vitest';
import { MalformedURLError } from './absolute-url.js';
import { NextRequest } from './next-request.js';
import { NextURL } from './next-url.js';
import { RequestCookies } from './request-cookies.js';

describe('NextRequest', () => {
  it('is a Request with cookies and nextUrl', () => {
    const request = new NextRequest('http://localhost:3000/a?b=1', {
      headers: { cookie: 'x=1; y=%20' },
    });
    expect(request).toBeInstanceOf(Request);
    expect(request.cookies).toBeInstanceOf(RequestCookies);
    expect(request.cookies.get('y')).toEqual({ name: 'y', value: ' ' });
    expect(request.nextUrl).toBeInstanceOf(NextURL);
    expect(request.nextUrl.pathname).toBe('/a');
    expect(request.nextUrl.searchParams.get('b')).toBe('1');
  });

  it('has no ip and no geo', () => {
    const request = new NextRequest('http://localhost/');
    expect('ip' in request).toBe(false);
    expect('geo' in request).toBe(false);
  });

  it('builds cookies and nextUrl on first access, then keeps them', () => {
    const request = new NextRequest('http://localhost/', { headers: { cookie: 'a=1' } });
    const cached = () =>
      Object.getOwnPropertySymbols(request).filter((key) =>
        key.description?.startsWith('approute.'),
      );
    expect(cached()).toEqual([]);
    expect(request.cookies).toBe(request.cookies);
    expect(cached()).toHaveLength(1);
    expect(request.nextUrl).toBe(request.nextUrl);
    expect(cached()).toHaveLength(2);
  });

  it('cookies.set() rewrites the request cookie header', () => {
    const request = new NextRequest('http://localhost/', { headers: { cookie: 'a=1' } });
    request.cookies.set('b', '2');
    expect(request.headers.get('cookie')).toBe('a=1; b=2');
  });

  it('takes the base path from nextConfig, and keeps it when copied', () => {
    const request = new NextRequest('http://localhost/base/x', {
      nextConfig: { basePath: '/base' },
    });
    expect(request.nextUrl.basePath).toBe('/base');
    expect(request.nextUrl.pathname).toBe('/x');
    const copy = new NextRequest(request);
    expect(copy.nextUrl.pathname).toBe('/x');
  });

  it('can be built from a Request or a URL, with a body', async () => {
    const fromRequest = new NextRequest(
      new Request('http://localhost/a', { method: 'POST', body: 'hi' }),
    );
    expect(fromRequest.method).toBe('POST');
    expect(await fromRequest.text()).toBe('hi');
    const fromURL = new NextRequest(new URL('http://localhost/b'), {
      method: 'PUT',
      body: '{"a":1}',
    });
    expect(await fromURL.json()).toEqual({ a: 1 });
  });

  it('GET has a null body; bad JSON rejects with SyntaxError; reading twice throws', async () => {
    expect(new NextRequest('http://localhost/').body).toBeNull();
    const bad = new NextRequest('http://localhost/', { method: 'POST', body: '{' });
    await expect(bad.json()).rejects.toThrow(SyntaxError);
    await expect(bad.text()).rejects.toThrow(TypeError);
  });

  it('reads urlencoded and multipart forms, files as File', async () => {
    const form = new FormData();
    form.append('a', '1');
    form.append('f', new File(['content'], 'f.txt', { type: 'text/plain' }));
    const multipart = await new NextRequest('http://localhost/', {
      method: 'POST',
      body: form,
    }).formData();
    expect(multipart.get('a')).toBe('1');
    const file = multipart.get('f');
    expect(file).toBeInstanceOf(File);
    expect(await (file as File).text()).toBe('content');
    const urlencoded = await new NextRequest('http://localhost/', {
      method: 'POST',
      body: new URLSearchParams('x=1&y=2'),
    }).formData();
    expect(urlencoded.get('y')).toBe('2');
  });

  it('refuses a relative URL with the Next.js message', () => {
    expect(() => new NextRequest('/relative')).toThrow(MalformedURLError);
    expect(() => new NextRequest('/relative')).toThrow(
      'URL is malformed "/relative". Please use only absolute URLs - https://nextjs.org/docs/messages/middleware-relative-urls',
    );
  });
});
