import { readFileSync } from 'node:fs';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { compileSource } from './source.js';

// Every source of the observed matcher table and of the fixture projects: the expressions the
// matcher runs per request must not backtrack super-linearly (recheck, as path-to-regexp's own
// ReDoS check). Next.js's single expression for the same source is 2nd-degree polynomial; the
// matcher splits it (see source.ts).
const table = JSON.parse(
  readFileSync(new URL('./observed-matchers.json', import.meta.url), 'utf8'),
) as { configs: { matcher: unknown; nextConfig: { basePath?: string } }[] };
const sources = new Set<string>([
  '/about/:path*',
  '/((?!api|_next/static|_next/image|favicon.ico).*)',
]);
for (const { matcher } of table.configs) {
  for (const entry of Array.isArray(matcher) ? matcher : matcher ? [matcher] : []) {
    sources.add(typeof entry === 'string' ? entry : (entry as { source: string }).source);
  }
}

describe('no ReDoS in the generated expressions', () => {
  for (const source of sources) {
    it(source, { timeout: 60_000 }, () => {
      for (const expression of compileSource(source, { basePath: '/base' }).runs) {
        const result = checkSync(expression.source, expression.flags, { timeout: 20_000 });
        expect({ source: expression.source, status: result.status }).toEqual({
          source: expression.source,
          status: 'safe',
        });
      }
    });
  }
});
