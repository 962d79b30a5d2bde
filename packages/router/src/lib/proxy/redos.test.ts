import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { compilePath, compileSource } from './source.js';

// The expressions the matcher runs per request must not backtrack worse than the user's own
// pattern does (recheck, as path-to-regexp's ReDoS check). Next.js's single expression is
// 2nd-degree polynomial for every non-root source because of its `.segments/.+` suffix; the
// matcher splits it (source.ts), and this checks that the split adds nothing. One shape of each
// syntax form of the observed table (recheck takes about a second per expression).
const SOURCES = [
  '/about/:path*',
  '/((?!api|_next/static|_next/image|favicon.ico).*)',
  '/t/:path+',
  '/t/:id?',
  '/t/(.*)',
  '/t/:id(\\d+)',
  '/t/:path*/edit',
  '/t{/:opt}?/end',
  '/t/:id+/x',
  '/t/file.:ext',
  '/',
  '/:path*',
];
// path-to-regexp 6 compiles two parameters in one segment so that the first may contain the
// separator: polynomial in the user's pattern itself, in Next.js as here.
const POLYNOMIAL_BY_ITSELF = ['/t/:a-:b'];

const status = (source: string) => checkSync(source, '', { timeout: 20_000 }).status;

describe('no ReDoS in the generated expressions', () => {
  for (const source of SOURCES) {
    it(`${source}: every expression the matcher runs is safe`, { timeout: 60_000 }, () => {
      const runs = compileSource(source, { basePath: '/base' }).runs.map((e) => e.source);
      expect(runs.map((expression) => [expression, status(expression)])).toEqual(
        runs.map((expression) => [expression, 'safe']),
      );
    });
  }

  for (const source of POLYNOMIAL_BY_ITSELF) {
    it(
      `${source}: the user's pattern is polynomial by itself, and the split adds nothing`,
      { timeout: 60_000 },
      () => {
        expect(status(compilePath(source, true))).toBe('vulnerable');
        const [core] = compileSource(source).runs;
        expect(core?.source.endsWith(compilePath(source, true).slice(1))).toBe(true);
      },
    );
  }
});
