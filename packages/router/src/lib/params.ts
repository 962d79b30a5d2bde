import { MalformedParamError } from './errors.js';
import type { ParamKind } from './manifest-types.js';

/** Decoded route params: a plain object, arrays for catch-alls. */
export type Params = Record<string, string | string[]>;

/**
 * Decodes one captured path segment once with `decodeURIComponent` (`+` stays `+`).
 * @param segment the raw segment from the request path
 * @throws MalformedParamError when the percent-encoding is malformed
 */
export function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MalformedParamError(segment);
  }
}

/**
 * Builds the params object of a match: catch-alls are split on `/` before decoding, so `%2F`
 * stays inside one value; an empty optional catch-all has no key.
 * @param params the route's params, left to right
 * @param path the request path
 * @param captures for each param, the index of the `/` before its first segment
 */
export function buildParams(
  params: readonly { name: string; kind: ParamKind }[],
  path: string,
  captures: readonly number[],
): Params {
  // A plain object, as Next.js gives (handlers call `hasOwnProperty` on it). Keys are folder
  // names, never request text; a folder named `[__proto__]` is defined, not assigned.
  const result: Params = {};
  for (let index = 0; index < params.length; index++) {
    const param = params[index];
    const at = captures[index];
    if (param === undefined || at === undefined) continue;
    if (param.kind === 'single') {
      const end = path.indexOf('/', at + 1);
      set(result, param.name, decodeSegment(path.slice(at + 1, end === -1 ? path.length : end)));
    } else if (at < path.length) {
      set(
        result,
        param.name,
        path
          .slice(at + 1)
          .split('/')
          .map(decodeSegment),
      );
    }
  }
  return result;
}

function set(params: Params, name: string, value: string | string[]): void {
  if (name === '__proto__')
    Object.defineProperty(params, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else params[name] = value;
}
