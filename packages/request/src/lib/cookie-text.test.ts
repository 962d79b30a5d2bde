import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkCookieName,
  findCookie,
  InvalidCookieError,
  parseCookieHeader,
  serializeResponseCookie,
  setCookieName,
  type ResponseCookie,
} from './cookie-text.js';

function parsed(header: string): [string, string][] {
  return [...parseCookieHeader(header).values()].map(({ name, value }) => [name, value]);
}

describe('parseCookieHeader', () => {
  it('splits pairs on ";" and trims the space around them', () => {
    expect(parsed('a=1; b=2;c=3 ;  d = 4')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4'],
    ]);
  });

  it('lets the last of a repeated name win, in the place of the first', () => {
    expect(parsed('a=1; b=2; a=3')).toEqual([
      ['a', '3'],
      ['b', '2'],
    ]);
  });

  it('percent-decodes values', () => {
    expect(parsed('a=%E2%82%AC; b=a%20b; c=%3B%3D; d=a+b')).toEqual([
      ['a', '€'],
      ['b', 'a b'],
      ['c', ';='],
      ['d', 'a+b'],
    ]);
  });

  it('drops a pair whose value fails to decode, keeping an earlier one of that name', () => {
    expect(parsed('a=1; a=%ZZ; b=%E2%82; c=3')).toEqual([
      ['a', '1'],
      ['c', '3'],
    ]);
  });

  it("gives a pair without '=' the value 'true'", () => {
    expect(parsed('flag; a=1; other')).toEqual([
      ['flag', 'true'],
      ['a', '1'],
      ['other', 'true'],
    ]);
  });

  it('keeps everything after the first "=" in the value, and empty values', () => {
    expect(parsed('a=b=c; e=')).toEqual([
      ['a', 'b=c'],
      ['e', ''],
    ]);
  });

  it('skips empty pairs and pairs without a name', () => {
    expect(parsed(';; =x; ; a=1;')).toEqual([['a', '1']]);
    expect(parsed('')).toEqual([]);
  });

  it('parses what split, trim and decode give, whitespace of every kind around names and values', () => {
    // The rule written the plain way: the parser cuts by index instead.
    const reference = (header: string): [string, string][] => {
      const cookies = new Map<string, string>();
      for (const pair of header.split(';')) {
        const eq = pair.indexOf('=');
        const name = (eq === -1 ? pair : pair.slice(0, eq)).trim();
        if (name === '') continue;
        let value = eq === -1 ? 'true' : pair.slice(eq + 1).trim();
        try {
          value = value.includes('%') ? decodeURIComponent(value) : value;
        } catch {
          continue;
        }
        cookies.set(name, value);
      }
      return [...cookies];
    };
    const pieces = [
      'a',
      'b=1',
      ' ',
      '\t',
      '\u00a0',
      '\u3000',
      '\ufeff',
      '=',
      ';',
      '%41',
      '%ZZ',
      'é',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 2000; i++) {
      let header = '';
      for (let n = next() % 12; n > 0; n--) header += pieces[next() % pieces.length] ?? '';
      expect(parsed(header), JSON.stringify(header)).toEqual(reference(header));
    }
  });

  it('treats __proto__ and constructor as ordinary names', () => {
    const cookies = parseCookieHeader('__proto__=1; constructor=2; toString=3');
    expect(cookies.get('__proto__')).toEqual({ name: '__proto__', value: '1' });
    expect(cookies.get('constructor')).toEqual({ name: 'constructor', value: '2' });
    expect(cookies.size).toBe(3);
  });
});

describe('findCookie', () => {
  // Headers that exercise every rule of parseCookieHeader; findCookie must agree on each name.
  const headers = [
    'a=1; b=2',
    'a=1;b=2;a=3',
    ' a = 1 ;  b=x y ; c',
    'a=%E2%82%AC; b=%ZZ; b=ok; c=%ZZ',
    'a=1; a=%ZZ',
    '\u00a0a\u00a0=1; \u3000b=2; \tc\t=3',
    '=x; ; ;a==b=c; d=',
    '__proto__=1; constructor=2; toString',
    'théme=dark; theme=light',
    '',
  ];
  const names = [
    'a',
    'b',
    'c',
    'd',
    'e',
    '',
    ' a',
    '__proto__',
    'constructor',
    'toString',
    'théme',
    'theme',
  ];

  it.each(headers)('finds what parseCookieHeader parses in %j', (header) => {
    const parsed = parseCookieHeader(header);
    for (const name of names) expect(findCookie(header, name), name).toEqual(parsed.get(name));
  });
});

describe('serializeResponseCookie', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes name=value with the default path the store gives', () => {
    expect(serializeResponseCookie({ name: 'b', value: '1', path: '/' })).toBe('b=1; Path=/');
  });

  it('percent-encodes the value', () => {
    expect(serializeResponseCookie({ name: 'a', value: 'x y;z=€,"\\' })).toBe(
      'a=x%20y%3Bz%3D%E2%82%AC%2C%22%5C',
    );
  });

  it('writes every attribute in the Next.js order', () => {
    const cookie: ResponseCookie = {
      name: 'full',
      value: 'v',
      path: '/p',
      expires: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
      maxAge: 60,
      domain: 'example.com',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      partitioned: true,
      priority: 'high',
    };
    expect(serializeResponseCookie(cookie)).toBe(
      'full=v; Path=/p; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Max-Age=60; Domain=example.com; Secure; HttpOnly; SameSite=lax; Partitioned; Priority=high',
    );
  });

  it('writes SameSite and Priority as given, and sameSite: true as Strict', () => {
    expect(serializeResponseCookie({ name: 'a', value: '', sameSite: 'Strict' })).toBe(
      'a=; SameSite=Strict',
    );
    expect(serializeResponseCookie({ name: 'a', value: '', sameSite: 'none' })).toBe(
      'a=; SameSite=none',
    );
    expect(serializeResponseCookie({ name: 'a', value: '', sameSite: true })).toBe(
      'a=; SameSite=Strict',
    );
    expect(serializeResponseCookie({ name: 'a', value: '', sameSite: false })).toBe('a=');
    expect(serializeResponseCookie({ name: 'a', value: '', priority: 'Low' })).toBe(
      'a=; Priority=Low',
    );
  });

  it('leaves out an empty path and false flags', () => {
    expect(
      serializeResponseCookie({
        name: 'a',
        value: '1',
        path: '',
        secure: false,
        httpOnly: false,
        partitioned: false,
      }),
    ).toBe('a=1');
  });

  it('takes expires as milliseconds too', () => {
    expect(serializeResponseCookie({ name: 'a', value: '1', expires: 0 })).toBe(
      'a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    );
  });
});

describe('invalid cookies are refused with a clear InvalidCookieError, so no header can be injected', () => {
  const badNames = [
    '',
    'a b',
    'a;b',
    'a=b',
    'a\r\nSet-Cookie: x=1',
    'a\tb',
    'é',
    'a\u0000',
    'a,b ',
  ];
  for (const name of badNames) {
    it(`refuses the name ${JSON.stringify(name)}`, () => {
      expect(() => checkCookieName(name)).toThrow(InvalidCookieError);
      expect(() => checkCookieName(name)).toThrow(InvalidCookieError);
      expect(() => serializeResponseCookie({ name, value: 'x' })).toThrow(/Invalid cookie name/);
    });
  }

  it('accepts the names real sites use', () => {
    for (const name of [
      'a',
      '__Host-id',
      '__Secure-x',
      'a.b',
      'my_cookie',
      'x-y',
      '__proto__',
      'constructor',
    ]) {
      expect(checkCookieName(name)).toBe(name);
    }
  });

  it('refuses a value that is not well-formed Unicode', () => {
    expect(() => serializeResponseCookie({ name: 'a', value: '\uD800' })).toThrow(
      InvalidCookieError,
    );
    expect(() => serializeResponseCookie({ name: 'a', value: '\uD800' })).toThrow(
      'Invalid value for cookie "a": it is not well-formed Unicode.',
    );
  });

  it('refuses a value that is an object', () => {
    expect(() => serializeResponseCookie({ name: 'a', value: {} as unknown as string })).toThrow(
      /expected a string, got object/,
    );
  });

  it('encodes characters that would end the field or the pair', () => {
    expect(serializeResponseCookie({ name: 'a', value: '1\r\nSet-Cookie: x=1; Path=/' })).toBe(
      'a=1%0D%0ASet-Cookie%3A%20x%3D1%3B%20Path%3D%2F',
    );
  });

  const badAttributes: [string, Partial<ResponseCookie>][] = [
    ['path', { path: '/a; Domain=evil.com' }],
    ['path', { path: '/a\r\nx' }],
    ['domain', { domain: 'evil.com; Secure' }],
    ['domain', { domain: 'a b' }],
    ['expires', { expires: new Date('nope') }],
    ['maxAge', { maxAge: 1.5 }],
    ['maxAge', { maxAge: Number.NaN }],
    ['sameSite', { sameSite: 'lax; Domain=x' as 'lax' }],
    ['priority', { priority: 'urgent' as 'high' }],
  ];
  for (const [attribute, cookie] of badAttributes) {
    it(`refuses the ${attribute} ${JSON.stringify(Object.values(cookie)[0])}`, () => {
      expect(() => serializeResponseCookie({ name: 'a', value: '1', ...cookie })).toThrow(
        new RegExp(`Invalid ${attribute} for cookie "a"`),
      );
    });
  }
});

describe('setCookieName', () => {
  it('reads the name of a Set-Cookie field', () => {
    expect(setCookieName('a=1; Path=/')).toBe('a');
    expect(setCookieName(' b =2')).toBe('b');
    expect(setCookieName('novalue')).toBe('');
    expect(setCookieName('x; a=b')).toBe('');
  });
});
