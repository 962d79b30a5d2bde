import type { ParamKind, RouteSegment } from './manifest-types.js';

/** What one folder name of a route path stands for. */
export type Segment =
  | { kind: 'static'; folder: string; value: string }
  | { kind: ParamKind; folder: string; name: string }
  | { kind: 'hidden'; folder: string }
  | { kind: 'invalid'; folder: string; reason: string; optionalParam?: true };

/**
 * Reads one folder name: `(group)` and `@slot` are hidden from the URL, `[id]`, `[...id]` and
 * `[[...id]]` are parameters, anything else is a literal segment (`%5Fx` serves `_x`).
 * @param folder the folder name as written on disk
 */
export function parseSegment(folder: string): Segment {
  // Next.js treats any `(…)` folder as a group; `(.)x` does not end with `)`, so it stays literal.
  if ((folder.startsWith('(') && folder.endsWith(')')) || folder.startsWith('@')) {
    return { kind: 'hidden', folder };
  }
  if (!(folder.startsWith('[') && folder.endsWith(']'))) {
    const value = /^%5F/i.test(folder) ? `_${folder.slice(3)}` : folder;
    return { kind: 'static', folder, value };
  }
  let inner = folder.slice(1, -1);
  let kind: ParamKind = 'single';
  if (inner.startsWith('[') && inner.endsWith(']')) {
    inner = inner.slice(1, -1);
    if (!inner.startsWith('...')) {
      return { kind: 'invalid', folder, reason: '', optionalParam: true };
    }
    kind = 'optional-catchall';
    inner = inner.slice(3);
  } else if (inner.startsWith('...')) {
    kind = 'catchall';
    inner = inner.slice(3);
  }
  if (inner.startsWith('[') || inner.endsWith(']')) {
    return {
      kind: 'invalid',
      folder,
      reason: `Segment names may not start or end with extra brackets ('${inner}').`,
    };
  }
  if (inner.startsWith('.')) {
    return {
      kind: 'invalid',
      folder,
      reason: `Segment names may not start with erroneous periods ('${inner}').`,
    };
  }
  if (inner === '') {
    return { kind: 'invalid', folder, reason: `Segment names may not be empty ('${folder}').` };
  }
  return { kind, folder, name: inner };
}

/**
 * A route's URL segments, from the URL-visible folders of its id (`/shop/[tag]`): the one
 * reading of a route's shape that matching and prerendering share.
 * @param segments the route id's folders, read by {@link parseSegment}, groups removed
 */
export function routeSegments(segments: readonly Segment[]): RouteSegment[] {
  const result: RouteSegment[] = [];
  for (const segment of segments) {
    if (segment.kind === 'static')
      result.push({ kind: 'static', value: encodeSegment(segment.value) });
    else if ('name' in segment) result.push({ kind: segment.kind, name: segment.name });
  }
  return result;
}

/**
 * Percent-encodes a literal segment the way WHATWG URL parsing encodes a request path, so that
 * a folder named `café` matches the request path `/caf%C3%A9`. `%` stays as written.
 * @param value the segment text
 */
export function encodeSegment(value: string): string {
  let encoded = '';
  // The WHATWG path percent-encode set: C0 controls, space, ", #, <, >, ?, `, {, }, DEL, non-ASCII.
  for (const char of value) {
    const code = char.charCodeAt(0);
    encoded +=
      code <= 0x20 || code >= 0x7f || '"#<>?`{}'.includes(char) ? encodeURIComponent(char) : char;
  }
  return encoded;
}
