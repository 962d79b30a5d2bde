import { describe, expect, it } from 'vitest';
import { createManifest } from './manifest.js';

const ids = (...files: string[]) =>
  createManifest(files).routes.map((route) => [route.id, route.pathname]);

describe('createManifest', () => {
  it('accepts every route file extension and ignores other files', () => {
    const files = [
      'a/route.ts',
      'b/route.js',
      'c/route.mjs',
      'd/route.mts',
      'e/route.tsx',
      'f/route.jsx',
      'g/route.cjs',
      'h/routes.ts',
      'i/page.tsx',
      'j/route.ts.bak',
    ];
    expect(ids(...files).map(([id]) => id)).toEqual(['/a', '/b', '/c', '/d', '/e', '/f']);
  });

  it('writes path-to-regexp patterns, escaping what its grammar reserves', () => {
    expect(ids('[[...all]]/route.ts')).toEqual([['/[[...all]]', '{/*all}']]);
    expect(ids('a+b/(.)c/route.ts', 'x:y/*z/route.ts', 'q/[a-b]/route.ts')).toEqual([
      ['/a+b/(.)c', '/a\\+b/\\(.\\)c'],
      ['/q/[a-b]', '/q/:"a-b"'],
      ['/x:y/*z', '/x\\:y/\\*z'],
    ]);
  });

  it('keeps `[x]`-like text that does not fill a folder name literal', () => {
    expect(ids('a[id]/route.ts', '[id]x/route.ts')).toEqual([
      ['/[id]x', '/\\[id\\]x'],
      ['/a[id]', '/a\\[id\\]'],
    ]);
  });

  it('accepts a page beside a route at another URL, and sibling param kinds', () => {
    expect(
      ids('x/page.tsx', 'y/route.ts', 'z/[id]/route.ts', 'z/[...rest]/route.ts').map(([id]) => id),
    ).toEqual(['/y', '/z/[...rest]', '/z/[id]']);
  });

  it('refuses a folder name with extra brackets or a leading period', () => {
    expect(() => createManifest(['[[...a]/route.ts'])).toThrow(
      "Segment names may not start or end with extra brackets ('[...a').",
    );
    expect(() => createManifest(['[.a]/route.ts'])).toThrow(
      "Segment names may not start with erroneous periods ('.a').",
    );
  });
});
