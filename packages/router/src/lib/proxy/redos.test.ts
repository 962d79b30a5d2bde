import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { compileSource } from './source.js';

// The expressions the matcher runs per request must not backtrack super-linearly (recheck, as
// path-to-regexp's ReDoS check). Next.js's single expression is 2nd-degree polynomial for every
// non-root source because of its `.segments/.+` suffix (recheck's automaton checker on
// `/about/:path*`: attack `/about/t/` + `bout/t.segments/c/` × n); the matcher splits it
// (source.ts), and this checks the split is linear. One shape of each syntax form of the
// observed table. Patterns with a lookahead (`(?!api)`, two parameters in one segment, `.:ext`) are
// left out: recheck can only fuzz those, which is not deterministic.
const SOURCES = [
  '/about/:path*',
  '/t/:path+',
  '/t/:id?',
  '/t/(.*)',
  '/t/:id(\\d+)',
  '/t/:path*/edit',
  '/t{/:opt}?/end',
  '/t/:id+/x',
  '/',
  '/:path*',
];

describe('no ReDoS in the generated expressions', () => {
  for (const source of SOURCES) {
    it(`${source}: every expression the matcher runs is linear`, { timeout: 60_000 }, () => {
      for (const { source: expression } of compileSource(source, { basePath: '/base' }).runs) {
        const result = checkSync(expression, '', { timeout: 20_000 });
        expect([expression, result.checker, result.status]).toEqual([
          expression,
          'automaton',
          'safe',
        ]);
      }
    });
  }
});
