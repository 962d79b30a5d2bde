import { describe, expect, it } from 'vitest';
import { NextURL, nextUrlOf } from './next-url.js';

describe('NextURL', () => {
  it('has the URL members, read from the URL', () => {
    const url = new NextURL('https://user:pw@example.com:8443/a/b?x=1&y=2#h');
    expect(url.href).toBe('https://user:pw@example.com:8443/a/b?x=1&y=2#h');
    expect(url.origin).toBe('https://example.com:8443');
    expect(url.protocol).toBe('https:');
    expect(url.username).toBe('user');
    expect(url.password).toBe('pw');
    expect(url.host).toBe('example.com:8443');
    expect(url.hostname).toBe('example.com');
    expect(url.port).toBe('8443');
    expect(url.pathname).toBe('/a/b');
    expect(url.search).toBe('?x=1&y=2');
    expect(url.searchParams.get('y')).toBe('2');
    expect(url.hash).toBe('#h');
  });

  it('has the Next.js extras: basePath "", buildId undefined, locale "", defaultLocale undefined', () => {
    const url = new NextURL('http://localhost/');
    expect(url.basePath).toBe('');
    expect(url.buildId).toBeUndefined();
    expect(url.locale).toBe('');
    expect(url.defaultLocale).toBeUndefined();
  });

  it('toString() and toJSON() give href', () => {
    const url = new NextURL('http://localhost/a?b=1');
    expect(url.toString()).toBe('http://localhost/a?b=1');
    expect(String(url)).toBe('http://localhost/a?b=1');
    expect(url.toJSON()).toBe('http://localhost/a?b=1');
    expect(JSON.stringify({ url })).toBe('{"url":"http://localhost/a?b=1"}');
  });

  it('reads the pathname without the base path, only when the URL is under it', () => {
    const under = new NextURL('http://localhost/base/x/y?q', { basePath: '/base' });
    expect(under.basePath).toBe('/base');
    expect(under.pathname).toBe('/x/y');
    expect(under.href).toBe('http://localhost/base/x/y?q');
    const root = new NextURL('http://localhost/base', { basePath: '/base' });
    expect(root.pathname).toBe('/');
    const outside = new NextURL('http://localhost/basement', { basePath: '/base' });
    expect(outside.basePath).toBe('');
    expect(outside.pathname).toBe('/basement');
  });

  it('setting pathname keeps the base path, and setting basePath moves the path under it', () => {
    const url = new NextURL('http://localhost/base/x', { basePath: '/base' });
    url.pathname = '/y';
    expect(url.href).toBe('http://localhost/base/y');
    url.pathname = '/';
    expect(url.href).toBe('http://localhost/base');
    url.basePath = 'other';
    url.pathname = '/z';
    expect(url.basePath).toBe('/other');
    expect(url.href).toBe('http://localhost/other/z');
    url.basePath = '';
    expect(url.href).toBe('http://localhost/z');
  });

  it('setters change the URL', () => {
    const url = new NextURL('http://localhost/a');
    url.search = '?x=1';
    url.searchParams.append('y', '2');
    url.hash = 'top';
    url.hostname = 'example.com';
    url.port = '8080';
    url.protocol = 'https:';
    url.username = 'u';
    url.password = 'p';
    expect(url.href).toBe('https://u:p@example.com:8080/a?x=1&y=2#top');
    url.host = 'other.com:9000';
    expect(url.host).toBe('other.com:9000');
    url.href = 'http://localhost/base/q';
    expect(url.pathname).toBe('/base/q');
    url.buildId = 'b1';
    expect(url.buildId).toBe('b1');
    url.locale = '';
    expect(() => {
      url.locale = 'fr';
    }).toThrow('The NextURL configuration includes no locale "fr"');
  });

  it('clone() gives an independent copy with the same base path', () => {
    const url = new NextURL('http://localhost/base/a?x=1', { basePath: '/base' });
    const copy = url.clone();
    expect(copy).toBeInstanceOf(NextURL);
    expect(copy.href).toBe(url.href);
    expect(copy.basePath).toBe('/base');
    copy.pathname = '/b';
    copy.searchParams.set('x', '2');
    expect(url.href).toBe('http://localhost/base/a?x=1');
    expect(copy.href).toBe('http://localhost/base/b?x=2');
  });

  it('throws on a relative URL', () => {
    expect(() => new NextURL('/a')).toThrow(TypeError);
  });
});

describe("a request's nextUrl (read lazily)", () => {
  // Each operation is applied to the NextURL and to a URL; after each, both must read the same.
  type Op = [string, (url: NextURL | URL, params: URLSearchParams) => void];
  const ops: Op[] = [
    [
      'append',
      (_url, params) => {
        params.append('x', 'a b');
      },
    ],
    [
      'append same',
      (_url, params) => {
        params.append('q', "it's");
      },
    ],
    [
      'set',
      (_url, params) => {
        params.set('q', '€/?');
      },
    ],
    [
      'delete',
      (_url, params) => {
        params.delete('q');
      },
    ],
    [
      'delete pair',
      (_url, params) => {
        params.delete('x', 'a b');
      },
    ],
    [
      'sort',
      (_url, params) => {
        params.sort();
      },
    ],
    ['set search', (url) => (url.search = '?z=1&y=2')],
    ['empty search', (url) => (url.search = '')],
    ['set hash', (url) => (url.hash = 'top')],
    ['set pathname', (url) => (url.pathname = '/other')],
    ['set href', (url) => (url.href = 'http://example.com/n?k=v#f')],
    [
      'read host',
      (url) => {
        expect(typeof url.host).toBe('string');
      },
    ],
  ];
  const hrefs = [
    'http://127.0.0.1:3000/api/items?q=shoe',
    'http://localhost/a',
    'http://localhost/a?',
    'https://example.com/a/b?x=1&x=2&y=%20#frag',
    'http://localhost/a?q=1#',
  ];
  // A fixed sequence of pseudo-random walks, so that a failure repeats.
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    // The high bits: the low bits of this generator repeat with short periods.
    return Math.floor(seed / 65536) % n;
  };

  it.each(hrefs)('reads and changes like a URL: %s', (href) => {
    for (let walk = 0; walk < 60; walk++) {
      const ours = nextUrlOf(href, undefined);
      const url = new URL(href);
      // Half the walks take searchParams before anything else, half after a first step.
      let params = walk % 2 === 0 ? ours.searchParams : undefined;
      const steps: string[] = [];
      for (let step = 0; step < 6; step++) {
        const op = ops[next(ops.length)];
        if (!op) throw new Error('no operation');
        const [name, apply] = op;
        steps.push(name);
        params ??= ours.searchParams;
        apply(ours, params);
        apply(url, url.searchParams);
        const where = `${href} after ${steps.join(', ')}`;
        expect(ours.href, where).toBe(url.href);
        expect(ours.search, where).toBe(url.search);
        expect(ours.pathname, where).toBe(url.pathname);
        expect(ours.searchParams, where).toBe(params);
        expect([...params], where).toEqual([...url.searchParams]);
        expect(params.size, where).toBe(url.searchParams.size);
        expect(String(ours), where).toBe(url.href);
      }
    }
  });

  it('reads the base path from the serialised URL', () => {
    const url = nextUrlOf('http://localhost/base/x?q=1', '/base');
    expect(url.basePath).toBe('/base');
    expect(url.pathname).toBe('/x');
    expect(nextUrlOf('http://localhost/basement', '/base').pathname).toBe('/basement');
    expect(url.clone().href).toBe('http://localhost/base/x?q=1');
    expect(url.searchParams).toBeInstanceOf(URLSearchParams);
    expect(Object.prototype.toString.call(url.searchParams)).toBe('[object URLSearchParams]');
  });
});
