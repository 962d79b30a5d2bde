import { describe, expect, it } from 'vitest';
import { InvalidCookieError } from './cookie-text.js';
import { RequestCookies } from './request-cookies.js';

function cookiesOf(header?: string): { headers: Headers; cookies: RequestCookies } {
  const headers = new Headers(header === undefined ? {} : { cookie: header });
  return { headers, cookies: new RequestCookies(headers) };
}

describe('RequestCookies', () => {
  it('gives the same cookie object for one name, before and after the header is parsed whole', () => {
    const cookies = new RequestCookies(new Headers({ cookie: 'a=1; b=2; a=3' }));
    const a = cookies.get('a');
    expect(a).toEqual({ name: 'a', value: '3' });
    expect(cookies.get('a')).toBe(a);
    expect(cookies.has('a')).toBe(true);
    expect(cookies.get('b')).toEqual({ name: 'b', value: '2' });
    expect(cookies.get('a')).toBe(a);
    expect([...cookies].map(([name]) => name)).toEqual(['a', 'b']);
    expect(cookies.getAll()[0]).toBe(a);
    expect(new RequestCookies(new Headers()).get('a')).toBeUndefined();
  });

  it('reads the Cookie header: get, getAll, has and size', () => {
    const { cookies } = cookiesOf('a=1; b=%E2%82%AC; a=2; flag');
    expect(cookies.size).toBe(3);
    expect(cookies.get('a')).toEqual({ name: 'a', value: '2' });
    expect(cookies.get({ name: 'b', value: 'ignored' })).toEqual({ name: 'b', value: '€' });
    expect(cookies.get('missing')).toBeUndefined();
    expect(cookies.getAll()).toEqual([
      { name: 'a', value: '2' },
      { name: 'b', value: '€' },
      { name: 'flag', value: 'true' },
    ]);
    expect(cookies.getAll('b')).toEqual([{ name: 'b', value: '€' }]);
    expect(cookies.getAll('missing')).toEqual([]);
    expect(cookies.has('flag')).toBe(true);
    expect(cookies.has('nope')).toBe(false);
  });

  it('entries carry only name and value', () => {
    const { cookies } = cookiesOf('a=1');
    expect(Object.keys(cookies.get('a') ?? {})).toEqual(['name', 'value']);
  });

  it('iterates [name, cookie] pairs in header order', () => {
    const { cookies } = cookiesOf('x=1; y=2');
    expect([...cookies]).toEqual([
      ['x', { name: 'x', value: '1' }],
      ['y', { name: 'y', value: '2' }],
    ]);
  });

  it('is empty without a Cookie header', () => {
    const { cookies } = cookiesOf();
    expect(cookies.size).toBe(0);
    expect(cookies.toString()).toBe('');
  });

  it('set() adds or replaces a cookie and rewrites the Cookie header, value percent-encoded', () => {
    const { headers, cookies } = cookiesOf('a=1; b=2');
    expect(cookies.set('a', 'x y')).toBe(cookies);
    cookies.set({ name: 'c', value: '€' });
    expect(cookies.get('a')).toEqual({ name: 'a', value: 'x y' });
    expect(headers.get('cookie')).toBe('a=x%20y; b=2; c=%E2%82%AC');
  });

  it('delete() removes one or several names and rewrites the header', () => {
    const { headers, cookies } = cookiesOf('a=1; b=2; c=3');
    expect(cookies.delete('a')).toBe(true);
    expect(cookies.delete('zzz')).toBe(false);
    expect(headers.get('cookie')).toBe('b=2; c=3');
    expect(cookies.delete(['b', 'x'])).toEqual([true, false]);
    expect(headers.get('cookie')).toBe('c=3');
  });

  it('clear() removes every cookie', () => {
    const { headers, cookies } = cookiesOf('a=1; b=2');
    expect(cookies.clear()).toBe(cookies);
    expect(cookies.size).toBe(0);
    expect(headers.get('cookie')).toBe('');
  });

  it('toString() gives a Cookie header value', () => {
    const { cookies } = cookiesOf('a=1;b=a%20b');
    expect(cookies.toString()).toBe('a=1; b=a%20b');
    expect(String(cookies)).toBe('a=1; b=a%20b');
  });

  it('set() refuses names and values that would break the header', () => {
    const { headers, cookies } = cookiesOf('a=1');
    expect(() => cookies.set('a; b', '1')).toThrow(InvalidCookieError);
    expect(() => cookies.set('a\r\nx', '1')).toThrow(InvalidCookieError);
    expect(() => cookies.set('a', '\uDC00')).toThrow(InvalidCookieError);
    expect(headers.get('cookie')).toBe('a=1');
  });

  it('treats __proto__ and constructor as ordinary names', () => {
    const { cookies } = cookiesOf('__proto__=1');
    cookies.set('constructor', '2');
    expect(cookies.get('__proto__')?.value).toBe('1');
    expect(cookies.get('constructor')?.value).toBe('2');
    expect(cookies.has('toString')).toBe(false);
  });

  it('reads headers through a request each time it writes', () => {
    let headers = new Headers({ cookie: 'a=1' });
    const cookies = new RequestCookies({
      get headers() {
        return headers;
      },
    });
    headers = new Headers();
    cookies.set('b', '2');
    expect(headers.get('cookie')).toBe('a=1; b=2');
  });
});
