import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSource, compileSource } from './source.js';

describe('checkSource: what Next.js refuses', () => {
  it.each([
    [undefined, 'source is required'],
    [42, 'Expected string, received number'],
    ['about', 'source must start with /'],
    ['/a/(b', "Invalid source '/a/(b': Unbalanced pattern at 3"],
    ['/a/((b))', "Invalid source '/a/((b))': Capturing groups are not allowed at 4"],
    ['/a/:', "Invalid source '/a/:': Missing parameter name at 3"],
    ['/a/*', "Invalid source '/a/*': Unexpected MODIFIER at 3, expected END"],
    [
      '/a/:b:c',
      `Invalid source '/a/:b:c': Must have text between two parameters, missing text after "b"`,
    ],
    ['/a/(?x)', `Invalid source '/a/(?x)': Pattern cannot start with "?" at 4`],
    [`/${'a'.repeat(4096)}`, 'exceeds max built length of 4096 for route'],
  ])('%j: %s', (source, problem) => {
    expect(checkSource(source)).toBe(problem);
  });

  it.each(['/', '/about/:path*', '/((?!api|_next).*)', '/a-:b*', '/t{/:x}?/y', '/a/:id(\\d+)'])(
    'accepts %s',
    (source) => {
      expect(checkSource(source)).toBeUndefined();
    },
  );
});

describe('compileSource', () => {
  it('builds the expression Next.js 16.4.6 builds for /about/:path*', () => {
    expect(compileSource('/about/:path*').regexp.source).toBe(
      '^(?:\\/(_next\\/data\\/[^/]{1,}))?\\/about(?:\\/((?:[^\\/#\\?]+?)(?:\\/(?:[^\\/#\\?]+?))*))?(\\.json|\\.rsc|\\.segments\\/.+\\.segment\\.rsc)?[\\/#\\?]?$',
    );
  });

  it('puts the base path in front', () => {
    expect(compileSource('/x', { basePath: '/base' }).regexp.source).toMatch(/^\^\\\/base\(\?:/);
  });

  it('gives a repeated parameter without prefix the prefix /, as Next.js does', () => {
    const { test } = compileSource('/a-:b*');
    expect(test('/a-')).toBe(true);
    expect(test('/a-/x/y')).toBe(true);
    expect(test('/a-x')).toBe(false);
  });

  it('answers like the full expression on paths built from the suffix pieces', () => {
    const pieces = [
      '/',
      'a',
      'x',
      '.',
      '.json',
      '.rsc',
      '.segments/',
      '.segment.rsc',
      '#',
      '?',
      '\n',
      'api',
      '_next/data/b/',
      '%',
    ];
    const sources = [
      '/a/:path*',
      '/a',
      '/a/:id',
      '/((?!api|_next).*)',
      '/x/(.*)',
      '/:path+',
      '/a-:b*',
      '/',
    ];
    const compiled = sources.map((source) => compileSource(source));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const path = `/${parts.join('')}`;
        for (const { regexp, test } of compiled) expect(test(path)).toBe(regexp.test(path));
      }),
      { numRuns: 3000 },
    );
  });
});
