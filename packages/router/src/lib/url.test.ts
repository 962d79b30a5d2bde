import { describe, expect, it } from 'vitest';
import { canonicalPath, splitTarget, splitUrl, stripBasePath } from './url.js';

describe('splitUrl', () => {
  it('cuts path and query out of an absolute URL without parsing it', () => {
    expect(splitUrl('http://localhost:3000/a/b?x=1&y')).toEqual({
      pathname: '/a/b',
      search: '?x=1&y',
    });
    expect(splitUrl('https://h/')).toEqual({ pathname: '/', search: '' });
    expect(splitUrl('http://h')).toEqual({ pathname: '/', search: '' });
    expect(splitUrl('http://h/a#frag?no')).toEqual({ pathname: '/a', search: '' });
    expect(splitUrl('http://h/a?q#frag')).toEqual({ pathname: '/a', search: '?q' });
    expect(splitUrl('http://h//a//b')).toEqual({ pathname: '//a//b', search: '' });
  });
});

describe('splitTarget', () => {
  it('cuts a raw request target', () => {
    expect(splitTarget('//a\\b?x=/')).toEqual({ pathname: '//a\\b', search: '?x=/' });
    expect(splitTarget('/')).toEqual({ pathname: '/', search: '' });
  });
});

describe('canonicalPath', () => {
  const redirect = (path: string, trailingSlash = false) => canonicalPath(path, trailingSlash);

  it('leaves a canonical path alone', () => {
    expect(redirect('/dashboard/1')).toEqual({ pathname: '/dashboard/1', redirect: false });
    expect(redirect('/')).toEqual({ pathname: '/', redirect: false });
  });

  it('redirects a trailing slash, repeated slashes and backslashes', () => {
    expect(redirect('/dashboard/')).toEqual({ pathname: '/dashboard', redirect: true });
    expect(redirect('//dashboard//1')).toEqual({ pathname: '/dashboard/1', redirect: true });
    expect(redirect('/dashboard\\1')).toEqual({ pathname: '/dashboard/1', redirect: true });
    expect(redirect('/a///')).toEqual({ pathname: '/a', redirect: true });
  });

  it('resolves dot segments as WHATWG URL parsing does, without a redirect', () => {
    expect(redirect('/dashboard/..')).toEqual({ pathname: '/', redirect: false });
    expect(redirect('/a/./b')).toEqual({ pathname: '/a/b', redirect: false });
    expect(redirect('/a/%2e%2E/b')).toEqual({ pathname: '/b', redirect: false });
    expect(redirect('/a/b/..')).toEqual({ pathname: '/a', redirect: true });
    expect(redirect('/.well-known/x')).toEqual({ pathname: '/.well-known/x', redirect: false });
  });

  it('percent-encodes what a URL parser would', () => {
    expect(redirect('/caf\u00e9 x')).toEqual({ pathname: '/caf%C3%A9%20x', redirect: false });
  });

  it('with trailingSlash, adds the slash except on a file-like last segment', () => {
    expect(redirect('/a', true)).toEqual({ pathname: '/a/', redirect: true });
    expect(redirect('/a/', true)).toEqual({ pathname: '/a/', redirect: false });
    expect(redirect('/', true)).toEqual({ pathname: '/', redirect: false });
    expect(redirect('/sitemap.xml', true)).toEqual({ pathname: '/sitemap.xml', redirect: false });
    expect(redirect('/sitemap.xml/', true)).toEqual({ pathname: '/sitemap.xml', redirect: true });
    expect(redirect('//a', true)).toEqual({ pathname: '/a/', redirect: true });
    expect(redirect('/.well-known/x', true)).toEqual({
      pathname: '/.well-known/x',
      redirect: false,
    });
  });
});

describe('stripBasePath', () => {
  it('serves only under the prefix', () => {
    expect(stripBasePath('/base', '/base')).toBe('/');
    expect(stripBasePath('/base/a', '/base')).toBe('/a');
    expect(stripBasePath('/based', '/base')).toBeNull();
    expect(stripBasePath('/a', '/base')).toBeNull();
    expect(stripBasePath('/a', '')).toBe('/a');
  });
});
