import { describe, expect, it } from 'vitest';
import { createManifest } from './manifest.js';

const ids = (...files: string[]) =>
  createManifest(files).routes.map((route) => [route.id, route.segments] as const);

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

  it("derives each route's segments from its id: literals as a request path carries them", () => {
    expect(ids('[[...all]]/route.ts')).toEqual([
      ['/[[...all]]', [{ kind: 'optional-catchall', name: 'all' }]],
    ]);
    expect(ids('a+b/(.)c/route.ts', 'q/[a-b]/[...r]/route.ts', 'caf\u00e9/%5Fx/route.ts')).toEqual([
      [
        '/a+b/(.)c',
        [
          { kind: 'static', value: 'a+b' },
          { kind: 'static', value: '(.)c' },
        ],
      ],
      [
        '/caf\u00e9/%5Fx',
        [
          { kind: 'static', value: 'caf%C3%A9' },
          { kind: 'static', value: '_x' },
        ],
      ],
      [
        '/q/[a-b]/[...r]',
        [
          { kind: 'static', value: 'q' },
          { kind: 'single', name: 'a-b' },
          { kind: 'catchall', name: 'r' },
        ],
      ],
    ]);
  });

  it('keeps `[x]`-like text that does not fill a folder name literal', () => {
    expect(ids('a[id]/route.ts', '[id]x/route.ts')).toEqual([
      ['/[id]x', [{ kind: 'static', value: '[id]x' }]],
      ['/a[id]', [{ kind: 'static', value: 'a[id]' }]],
    ]);
  });

  it('records files relative to the project, under the app folder given', () => {
    expect(createManifest(['x/route.ts']).routes[0]?.file).toBe('app/x/route.ts');
    expect(createManifest(['x/route.ts'], { appDir: 'src/app' }).routes[0]?.file).toBe(
      'src/app/x/route.ts',
    );
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
