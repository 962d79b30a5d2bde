// A headers()/redirects() `source` as Next.js matches it: path-to-regexp 6 with `strict`, not
// case-sensitive (Next's `caseSensitiveRoutes` is off by default), one optional trailing `/`
// allowed, tested against the request path as received (base path included, not decoded).
// Parameters are the raw captures; a repeated one (`:path*`) is split at its delimiter, and
// unnamed groups (`(.*)`) are left out, as Next.js's `getPathMatch` does.
import { pathToRegexp, type Key } from 'path-to-regexp-v6';

/** The values a source and its `has` conditions captured. */
export type RuleParams = Record<string, string | string[]>;

/** A compiled `source`. */
export interface SourceMatcher {
  /** The captured parameters when `pathname` matches, `undefined` otherwise. */
  match(pathname: string): RuleParams | undefined;
}

/**
 * The pattern a rule matches: its source with the base path in front, unless the rule says
 * `basePath: false` (`/` under a base path is the base path itself).
 * @param source the rule's source
 * @param basePath the app's base path, `''` for none
 * @param outside the rule's `basePath: false`
 */
export function sourceWithBase(source: string, basePath: string, outside: boolean): string {
  if (basePath === '' || outside) return source;
  return source === '/' ? basePath : `${basePath}${source}`;
}

/**
 * Compiles a source.
 * @param source the pattern, base path included
 */
export function compileRuleSource(source: string): SourceMatcher {
  const keys: Key[] = [];
  const strict = pathToRegexp(source, keys, { strict: true, sensitive: false, delimiter: '/' });
  const regexp = new RegExp(strict.source.replace(/\$$/, '(?:\\/)?$'), strict.flags);
  return {
    match(pathname) {
      const found = regexp.exec(pathname);
      if (!found) return undefined;
      const params: RuleParams = Object.create(null) as RuleParams;
      keys.forEach((key, index) => {
        const value = found[index + 1];
        if (value === undefined || typeof key.name === 'number') return;
        params[key.name] =
          key.modifier === '*' || key.modifier === '+'
            ? value.split(`${key.prefix}${key.suffix}`)
            : value;
      });
      return params;
    },
  };
}

/**
 * Puts captured parameters into a header key or value, or a query value of a destination:
 * `:name` (and `:name*`, `:name+`, `:name?`) where `name` was captured; anything else is kept
 * as written. A repeated parameter joins its values with the `/` or `.` in front of it.
 * @param text the text as written in the rule
 * @param params the captured parameters
 */
export function interpolate(text: string, params: RuleParams): string {
  if (!text.includes(':')) return text;
  return text.replace(
    /([./]?):(\w+)([*+?])?/g,
    (whole, prefix: string, name: string, modifier: string | undefined) => {
      if (!(name in params)) return whole;
      const value = params[name];
      if (value === undefined) return modifier === '?' || modifier === '*' ? '' : prefix;
      if (Array.isArray(value)) return value.length === 0 ? '' : prefix + value.join(prefix);
      return prefix + value;
    },
  );
}
