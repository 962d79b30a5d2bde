import { parse } from 'path-to-regexp';
import type { ParamKind } from './manifest-types.js';

/** One segment of a compiled route pattern. */
export type PatternSegment = { kind: 'static'; value: string } | { kind: ParamKind; name: string };

/**
 * Reads a manifest `pathname` (path-to-regexp v8 syntax) into whole-path segments. Only the
 * shapes a folder tree produces are accepted: `/text`, `/:name`, a last `/*name` or `{/*name}`.
 * @param pathname the route pattern, e.g. `/shop/:tag/:item`
 */
export function parsePattern(pathname: string): PatternSegment[] {
  const tokens = parse(pathname).tokens;
  const segments: PatternSegment[] = [];
  const fail = (why: string) => new TypeError(`Unsupported route pattern "${pathname}": ${why}.`);
  let text = '';
  const flushText = (beforeParam: boolean) => {
    if (text === '/' && !beforeParam && segments.length === 0) return; // the root route
    if (text !== '' && !text.startsWith('/')) throw fail('a parameter must fill a whole segment');
    const parts = text.split('/').slice(1);
    if (beforeParam && parts.pop() !== '') throw fail('a parameter must fill a whole segment');
    for (const value of parts) {
      if (value === '') throw fail('empty segments never match');
      segments.push({ kind: 'static', value });
    }
    text = '';
  };
  let ended = false;
  for (const [index, token] of tokens.entries()) {
    if (ended) throw fail('a catch-all must come last');
    if (token.type === 'text') {
      text += token.value;
      continue;
    }
    if (token.type === 'group') {
      const [slash, wildcard, ...rest] = token.tokens;
      const shaped =
        slash?.type === 'text' &&
        slash.value === '/' &&
        wildcard?.type === 'wildcard' &&
        rest.length === 0;
      if (!shaped || index !== tokens.length - 1)
        throw fail('the only optional group is a last {/*name}');
      flushText(false);
      segments.push({ kind: 'optional-catchall', name: wildcard.name });
      ended = true;
      continue;
    }
    flushText(true);
    segments.push({ kind: token.type === 'param' ? 'single' : 'catchall', name: token.name });
    ended = token.type === 'wildcard';
  }
  if (ended && text !== '') throw fail('a catch-all must come last');
  flushText(false);
  return segments;
}
