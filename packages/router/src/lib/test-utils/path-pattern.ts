import { stringify, TokenData, type Token } from 'path-to-regexp';
import type { ManifestRoute } from '../manifest-types.js';

/**
 * A route's segments as a path-to-regexp pattern: the property test's independent oracle.
 * @param route the manifest route
 */
export function pathPattern(route: ManifestRoute): string {
  const slash: Token = { type: 'text', value: '/' };
  const tokens: Token[] = [];
  for (const segment of route.segments) {
    if (segment.kind === 'static') tokens.push({ type: 'text', value: `/${segment.value}` });
    else if (segment.kind === 'single') tokens.push(slash, { type: 'param', name: segment.name });
    else if (segment.kind === 'catchall') {
      tokens.push(slash, { type: 'wildcard', name: segment.name });
    } else
      tokens.push({ type: 'group', tokens: [slash, { type: 'wildcard', name: segment.name }] });
  }
  if (tokens.length === 0) tokens.push(slash);
  return stringify(new TokenData(tokens));
}
