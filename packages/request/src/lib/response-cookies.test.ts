import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidCookieError } from './cookie-text.js';
import {
  changedSetCookies,
  ResponseCookies,
  STORE_SEED,
  STORE_TOUCHED,
} from './response-cookies.js';

const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

describe('ResponseCookies', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("set('b', '1') is stored with path '/' and written 'b=1; Path=/'", () => {
    const headers = new Headers();
    const cookies = new ResponseCookies(headers);
    expect(cookies.set('b', '1')).toBe(cookies);
    expect(cookies.get('b')).toEqual({ name: 'b', value: '1', path: '/' });
    expect(headers.getSetCookie()).toEqual(['b=1; Path=/']);
  });

  it("delete('c') writes the 1970 Expires and keeps the cookie with value ''", () => {
    const headers = new Headers();
    const cookies = new ResponseCookies(headers);
    expect(cookies.delete('c')).toBe(cookies);
    expect(headers.getSetCookie()).toEqual([`c=; Path=/; Expires=${EPOCH}`]);
    expect(cookies.get('c')).toEqual({ name: 'c', value: '', path: '/', expires: new Date(0) });
  });

  it('delete() keeps the path and domain given', () => {
    const headers = new Headers();
    new ResponseCookies(headers).delete({ name: 'd', path: '/x', domain: 'example.com' });
    expect(headers.getSetCookie()).toEqual([`d=; Path=/x; Expires=${EPOCH}; Domain=example.com`]);
  });

  it('maxAge adds Expires = now + maxAge; maxAge 0 writes Max-Age=0 only', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1, 0, 0, 0) });
    const headers = new Headers();
    const cookies = new ResponseCookies(headers);
    cookies.set('a', '1', { maxAge: 60 });
    cookies.set('z', '1', { maxAge: 0 });
    expect(headers.getSetCookie()).toEqual([
      'a=1; Path=/; Expires=Thu, 01 Jan 2026 00:01:00 GMT; Max-Age=60',
      'z=1; Path=/; Max-Age=0',
    ]);
  });

  it('writes every option in order, and an empty path leaves Path out', () => {
    const headers = new Headers();
    const cookies = new ResponseCookies(headers);
    cookies.set('a', 'x y', {
      path: '',
      domain: 'example.com',
      secure: true,
      httpOnly: true,
      sameSite: 'strict',
      partitioned: true,
      priority: 'medium',
    });
    expect(headers.getSetCookie()).toEqual([
      'a=x%20y; Domain=example.com; Secure; HttpOnly; SameSite=strict; Partitioned; Priority=medium',
    ]);
  });

  it('setting a name twice keeps one cookie, in its first place, with the last value', () => {
    const headers = new Headers();
    const cookies = new ResponseCookies(headers);
    cookies.set('a', '1').set('b', '2').set({ name: 'a', value: '3', httpOnly: true });
    expect(headers.getSetCookie()).toEqual(['a=3; Path=/; HttpOnly', 'b=2; Path=/']);
    expect(cookies.size).toBe(2);
    expect(cookies.getAll().map((c) => c.name)).toEqual(['a', 'b']);
    expect(cookies.getAll('b')).toEqual([{ name: 'b', value: '2', path: '/' }]);
    expect(cookies.getAll('none')).toEqual([]);
    expect(cookies.has('a')).toBe(true);
    expect(cookies.has('c')).toBe(false);
    expect([...cookies].map(([name]) => name)).toEqual(['a', 'b']);
    expect(cookies.toString()).toBe('a=3; Path=/; HttpOnly; b=2; Path=/');
  });

  it('reads the Set-Cookie fields the headers came with, and keeps them byte for byte until changed', () => {
    const headers = new Headers();
    headers.append('set-cookie', 'own=1; path=/x; HttpOnly; Foo=bar');
    headers.append('set-cookie', 'dup=1; Path=/a');
    headers.append('set-cookie', 'dup=2; Path=/b');
    const cookies = new ResponseCookies(headers);
    expect(cookies.get('own')).toEqual({ name: 'own', value: '1', path: '/x', httpOnly: true });
    cookies.set('new', 'v');
    expect(headers.getSetCookie()).toEqual([
      'own=1; path=/x; HttpOnly; Foo=bar',
      'dup=1; Path=/a',
      'dup=2; Path=/b',
      'new=v; Path=/',
    ]);
    cookies.set('dup', '3');
    expect(headers.getSetCookie()).toEqual([
      'own=1; path=/x; HttpOnly; Foo=bar',
      'dup=3; Path=/',
      'new=v; Path=/',
    ]);
  });

  it('refuses invalid names, values and attributes and leaves the store unchanged', () => {
    const headers = new Headers();
    const cookies = new ResponseCookies(headers);
    expect(() => cookies.set('bad name', '1')).toThrow(InvalidCookieError);
    expect(() => cookies.set('a', '\uD800')).toThrow(InvalidCookieError);
    expect(() => cookies.set('a', '1', { path: '/;x' })).toThrow(/Invalid path for cookie "a"/);
    expect(() => cookies.set('a', '1', { maxAge: 0.5 })).toThrow(/Invalid maxAge for cookie "a"/);
    expect(cookies.size).toBe(0);
    expect(headers.getSetCookie()).toEqual([]);
  });

  it('treats __proto__ and constructor as ordinary names', () => {
    const cookies = new ResponseCookies();
    cookies.set('__proto__', '1').set('constructor', '2');
    expect(cookies.get('__proto__')?.value).toBe('1');
    expect(cookies.get('constructor')?.value).toBe('2');
    expect(cookies.has('hasOwnProperty')).toBe(false);
  });

  it('as a scope store: seeded cookies are listed but only set or deleted names are written', () => {
    const store = new ResponseCookies();
    store[STORE_SEED]([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
    ]);
    store[STORE_TOUCHED] = new Set();
    expect(changedSetCookies(store)).toEqual([]);
    store.set('n', 'new').delete('b');
    expect(store.getAll()).toEqual([
      { name: 'a', value: '1', path: '/' },
      { name: 'b', value: '', path: '/', expires: new Date(0) },
      { name: 'n', value: 'new', path: '/' },
    ]);
    expect(changedSetCookies(store).map((c) => c.field)).toEqual([
      `b=; Path=/; Expires=${EPOCH}`,
      'n=new; Path=/',
    ]);
  });

  describe('seeded from a Cookie header', () => {
    const seeded = (header: string): ResponseCookies => {
      const store = new ResponseCookies();
      store[STORE_SEED](header);
      return store;
    };

    it('answers one name from the header as a full parse would: the last pair that decodes', () => {
      const store = seeded('theme=light; a=%E0%A4; session=x; theme=dark; a=1%20');
      expect(store.get('theme')).toEqual({ name: 'theme', value: 'dark', path: '/' });
      expect(store.get('theme')).toBe(store.get('theme'));
      expect(store.has('theme')).toBe(true);
      expect(store.get('nope')).toBeUndefined();
      expect(store.has('nope')).toBe(false);
    });

    it('keeps a cookie it already gave out, in header order, once it parses the rest', () => {
      const store = seeded('a=1; theme=dark; b=2');
      const theme = store.get('theme');
      expect(store.get('b')?.value).toBe('2');
      expect(store.get('theme')).toBe(theme);
      expect([...store].map(([name]) => name)).toEqual(['a', 'theme', 'b']);
      expect(store.size).toBe(3);
    });

    it('lists, sets and deletes over every cookie of the header after one was read', () => {
      const store = seeded('a=1; theme=dark; b=2');
      store[STORE_TOUCHED] = null;
      expect(store.get('theme')?.value).toBe('dark');
      store.set('theme', 'light').delete('a');
      expect(store.getAll()).toEqual([
        { name: 'a', value: '', path: '/', expires: new Date(0) },
        { name: 'theme', value: 'light', path: '/' },
        { name: 'b', value: '2', path: '/' },
      ]);
      expect(changedSetCookies(store).map((c) => c.field)).toEqual([
        `a=; Path=/; Expires=${EPOCH}`,
        'theme=light; Path=/',
      ]);
      expect(seeded('x=1; y=2').toString()).toBe('x=1; Path=/; y=2; Path=/');
      expect(seeded('').size).toBe(0);
    });
  });
});
