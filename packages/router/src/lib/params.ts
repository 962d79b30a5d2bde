import type { ParamKind } from './manifest-types.js';

/** Decoded route params: a plain object, arrays for catch-alls. */
export type Params = Record<string, string | string[]>;

/** What {@link buildParams} gives for a segment that is not valid percent-encoding. */
export const MALFORMED: unique symbol = Symbol('approute.malformedParam');

/**
 * Decodes one captured path segment once with `decodeURIComponent` (`+` stays `+`).
 * @param segment the raw segment from the request path
 * @returns the decoded text, or {@link MALFORMED} when the percent-encoding is malformed
 */
export function decodeSegment(segment: string): string | typeof MALFORMED {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return MALFORMED;
  }
}

/**
 * Builds the params object of a match: catch-alls are split on `/` before decoding, so `%2F`
 * stays inside one value; an empty optional catch-all has no key.
 * @param params the route's params, left to right
 * @param path the request path
 * @param captures for each param, the index of the `/` before its first segment
 * @returns the params, or {@link MALFORMED} when a segment does not decode
 */
export function buildParams(
  params: readonly { name: string; kind: ParamKind }[],
  path: string,
  captures: readonly number[],
): Params | typeof MALFORMED {
  // A plain object, as Next.js gives (handlers call `hasOwnProperty` on it). Keys are folder
  // names, never request text; a folder named `[__proto__]` is defined, not assigned.
  const result: Params = {};
  for (let index = 0; index < params.length; index++) {
    const param = params[index];
    const at = captures[index];
    if (param === undefined || at === undefined) continue;
    if (param.kind === 'single') {
      const end = path.indexOf('/', at + 1);
      const value = decodeSegment(path.slice(at + 1, end === -1 ? path.length : end));
      if (value === MALFORMED) return MALFORMED;
      set(result, param.name, value);
    } else if (at < path.length) {
      const values: string[] = [];
      for (const part of path.slice(at + 1).split('/')) {
        const value = decodeSegment(part);
        if (value === MALFORMED) return MALFORMED;
        values.push(value);
      }
      set(result, param.name, values);
    }
  }
  return result;
}

function set(params: Params, name: string, value: string | string[]): void {
  if (name === '__proto__') {
    Object.defineProperty(params, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else params[name] = value;
}
