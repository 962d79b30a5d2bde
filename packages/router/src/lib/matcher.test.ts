import { describe, expect, it } from 'vitest';
import { MalformedParamError } from './errors.js';
import { RouteMatcher } from './matcher.js';
import { manifestOf } from './test-utils/manifest.js';

const matcherOf = (...ids: string[]) => new RouteMatcher(manifestOf(...ids).routes);
const idOf = (matcher: RouteMatcher, path: string) => matcher.match(path)?.route.id ?? null;

describe('RouteMatcher precedence', () => {
  const matcher = matcherOf(
    '/',
    '/blog',
    '/blog/[slug]',
    '/blog/[...rest]',
    '/blog/new',
    '/[lang]/about',
    '/en/[page]',
    '/docs/[[...path]]',
    '/[...all]',
  );

  it('prefers static over [x] over [...x] over [[...x]], segment by segment from the left', () => {
    expect(idOf(matcher, '/blog/new')).toBe('/blog/new');
    expect(idOf(matcher, '/blog/old')).toBe('/blog/[slug]');
    expect(idOf(matcher, '/blog/a/b')).toBe('/blog/[...rest]');
    expect(idOf(matcher, '/en/about')).toBe('/en/[page]');
    expect(idOf(matcher, '/fr/about')).toBe('/[lang]/about');
    expect(idOf(matcher, '/fr/other')).toBe('/[...all]');
  });

  it('backtracks from a static branch that dead-ends', () => {
    expect(idOf(matcher, '/blog/new/x')).toBe('/blog/[...rest]');
    expect(idOf(matcher, '/docs/a/b/c')).toBe('/docs/[[...path]]');
  });

  it('needs at least one segment for a catch-all, none for an optional catch-all', () => {
    const only = matcherOf('/shop/[...slug]', '/docs/[[...slug]]');
    expect(idOf(only, '/shop')).toBeNull();
    expect(idOf(only, '/docs')).toBe('/docs/[[...slug]]');
    expect(only.match('/docs')?.params).toEqual({});
    expect(only.match('/docs/a/b')?.params).toEqual({ slug: ['a', 'b'] });
  });

  it('matches a root optional catch-all at /', () => {
    const root = matcherOf('/[[...all]]');
    expect(root.match('/')?.params).toEqual({});
    expect(root.match('/a')?.params).toEqual({ all: ['a'] });
  });

  it('is case-sensitive', () => {
    const cased = matcherOf('/CaseSensitive');
    expect(idOf(cased, '/CaseSensitive')).toBe('/CaseSensitive');
    expect(idOf(cased, '/casesensitive')).toBeNull();
  });

  it('matches literal folder names verbatim: dots, parentheses, %5F, percent-encoded non-ASCII', () => {
    const literal = matcherOf('/sitemap.xml', '/(.)x', '/%5Fx', '/café', '/%41');
    expect(idOf(literal, '/sitemap.xml')).toBe('/sitemap.xml');
    expect(idOf(literal, '/sitemapXxml')).toBeNull();
    expect(idOf(literal, '/(.)x')).toBe('/(.)x');
    expect(idOf(literal, '/_x')).toBe('/%5Fx');
    expect(idOf(literal, '/%5Fx')).toBeNull();
    expect(idOf(literal, '/caf%C3%A9')).toBe('/café');
    expect(idOf(literal, '/%41')).toBe('/%41');
    expect(idOf(literal, '/A')).toBeNull();
  });

  it('answers the documented params table', () => {
    const docs = matcherOf('/dashboard/[team]', '/shop/[tag]/[item]', '/blog/[...slug]');
    expect(docs.match('/dashboard/1')?.params).toEqual({ team: '1' });
    expect(docs.match('/shop/1/2')?.params).toEqual({ tag: '1', item: '2' });
    expect(docs.match('/blog/1/2')?.params).toEqual({ slug: ['1', '2'] });
  });

  it('gives static routes no params', () => {
    expect(matcher.match('/blog')).toEqual({
      route: expect.objectContaining({ id: '/blog' }) as unknown,
      params: undefined,
    });
  });
});

describe('RouteMatcher params', () => {
  const matcher = matcherOf('/p/[id]', '/c/[...parts]');
  const single = (segment: string) => matcher.match(`/p/${segment}`)?.params?.id;

  it('decodes each segment once', () => {
    expect(single('a%20b')).toBe('a b');
    expect(single('a%2Fb')).toBe('a/b');
    expect(single('%E2%82%AC')).toBe('€');
    expect(single('a%23b')).toBe('a#b');
    expect(single('%25')).toBe('%');
    expect(single('%2541')).toBe('%41');
    expect(single('a+b')).toBe('a+b');
  });

  it('splits a catch-all on / before decoding, so %2F stays inside one value', () => {
    expect(matcher.match('/c/a%2Fb/c')?.params).toEqual({ parts: ['a/b', 'c'] });
  });

  it('rejects malformed percent-encoding with a typed error', () => {
    expect(() => matcher.match('/p/%ZZ')).toThrow(MalformedParamError);
    expect(() => matcher.match('/p/%E2%82')).toThrow(MalformedParamError);
    expect(() => matcher.match('/c/ok/%')).toThrow(MalformedParamError);
    const error = (() => {
      try {
        matcher.match('/p/%ZZ');
      } catch (thrown) {
        return thrown as MalformedParamError;
      }
    })();
    expect(error).toMatchObject({
      name: 'MalformedParamError',
      code: 'ERR_MALFORMED_PARAM',
      path: '/p/%ZZ',
    });
  });

  it('returns plain-object params where __proto__ and constructor are ordinary values', () => {
    const proto = matcher.match('/p/__proto__')?.params;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto ?? {})).toEqual(['id']);
    expect(proto?.id).toBe('__proto__');
    expect(matcher.match('/p/constructor')?.params?.id).toBe('constructor');
    const named = matcherOf('/[__proto__]/[constructor]').match('/a/b')?.params;
    expect(Object.getPrototypeOf(named)).toBe(Object.prototype);
    expect(Object.entries(named ?? {})).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
    ]);
    expect(JSON.stringify(named)).toBe('{"__proto__":"a","constructor":"b"}');
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it('never matches static routes through an inherited property', () => {
    expect(matcherOf('/x').match('/constructor')).toBeNull();
    expect(matcherOf('/x/[id]').match('/__proto__/a')).toBeNull();
  });
});

describe('RouteMatcher with a hand-written manifest', () => {
  it('reads the segments the manifest carries, not the route id', () => {
    const matcher = new RouteMatcher([
      {
        id: '/(.)x/[id]',
        segments: [
          { kind: 'static', value: '(.)x' },
          { kind: 'single', name: 'id' },
        ],
        file: 'app/(.)x/[id]/route.ts',
      },
      {
        id: '/q/[a-b]',
        segments: [
          { kind: 'static', value: 'q' },
          { kind: 'single', name: 'a-b' },
        ],
        file: 'app/q/[a-b]/route.ts',
      },
      { id: '/', segments: [], file: 'app/route.ts' },
    ]);
    expect(matcher.match('/(.)x/7')?.params).toEqual({ id: '7' });
    expect(matcher.match('/q/1')?.params).toEqual({ 'a-b': '1' });
    expect(matcher.match('/')?.route.id).toBe('/');
  });
});
