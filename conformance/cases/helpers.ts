import type { CaseSource, ConformanceCase } from '../src/lib/case.js';

export const JSON_TYPE = /^application\/json/;
export const TEXT_TYPE = /^text\/plain/;

/**
 * A pattern that matches `parts` joined, taken literally: for log lines too long for one
 * source line.
 * @param parts the text, in pieces
 */
export function literally(...parts: string[]): RegExp {
  return new RegExp(parts.join('').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
}

/**
 * A request that no route matches: 404, whatever the method. Only the status is asserted: the
 * body of a 404 is the server's own page (Next.js renders HTML there).
 */
export function unmatched(
  id: string,
  title: string,
  path: string,
  rule: string,
  sources: readonly CaseSource[],
  method = 'GET',
): ConformanceCase {
  return {
    id,
    title,
    rule,
    kind: 'error',
    sources,
    request: { method, path },
    expect: { status: 404 },
  };
}

/** The answer of a handler that echoes its params (fixtures/app/_lib/params.ts). */
export function params(
  route: string,
  value: Record<string, string | string[]>,
): Record<string, unknown> {
  return { route, isPromise: true, params: value, keys: Object.keys(value) };
}
