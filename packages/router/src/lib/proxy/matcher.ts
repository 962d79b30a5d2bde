import {
  compileCondition,
  matchConditions,
  type CompiledCondition,
  type ConditionInput,
  type ConditionParams,
} from './conditions.js';
import { parseProxyConfig, type MatcherEntry } from './config.js';
import { ProxyMatcherError } from './errors.js';
import { compileSource, SourceSyntaxError, type CompiledSource } from './source.js';

/**
 * Options of {@link createProxyMatcher}. `trailingSlash` needs none: its 308 comes before the
 * proxy, and every source already takes one trailing `/` (path-to-regexp 6's non-strict end).
 */
export interface ProxyMatcherOptions {
  /** `''` or a prefix like `/base`; matcher sources are written without it. */
  basePath?: string;
  /** The proxy file, relative to the project folder, for error messages; `proxy.ts` by default. */
  file?: string;
}

/** A compiled matcher entry: the regular expression and the compiled conditions. */
export interface CompiledMatcherEntry {
  /** The source as written in `config.matcher`. */
  source: string;
  /** The regular expression Next.js tests the request path (base path included) against. */
  regexp: RegExp;
  /** The linear-time test with the answers of `regexp`. */
  test: CompiledSource['test'];
  has: readonly CompiledCondition[];
  missing: readonly CompiledCondition[];
}

/** Decides, per request, whether the proxy runs. */
export interface ProxyMatcher {
  /** The compiled entries; empty when the proxy runs for every request. */
  readonly entries: readonly CompiledMatcherEntry[];
  /** Whether the proxy runs for every request (no `config.matcher`). */
  readonly matchesAll: boolean;
  /**
   * Whether the proxy runs for a request. The path is tested as received and, when that
   * fails, percent-decoded, as Next.js does; `has`/`missing` read the request only once an
   * entry's path matched.
   * @param pathname the request path, base path included, after the trailing-slash and
   *   repeated-slash redirects (which come before the proxy)
   * @param request the request's headers and query
   */
  matches(pathname: string, request: ConditionInput): boolean;
  /**
   * Whether some entry's path matches (as received, or percent-decoded), `has`/`missing` left
   * aside: the cheap test that rules out most requests before any header is read.
   * @param pathname the request path, base path included
   */
  mayMatch(pathname: string): boolean;
  /**
   * Like {@link ProxyMatcher.matches}, with the values the first matching entry's conditions
   * captured.
   * @returns the captures (an empty object when nothing was captured), or `undefined`
   */
  match(pathname: string, request: ConditionInput): ConditionParams | undefined;
}

/**
 * Compiles a proxy's `export const config` into a matcher, validating it as Next.js's build
 * does.
 * @param config the module's `config` export, or the value written in the file
 * @param options base path and file name
 * @throws ProxyMatcherError naming the file, the matcher entry and the fix
 */
export function createProxyMatcher(
  config: unknown,
  options: ProxyMatcherOptions = {},
): ProxyMatcher {
  const file = options.file ?? 'proxy.ts';
  const entries = parseProxyConfig(config, file);
  return compileMatcherEntries(entries, { ...options, file });
}

/**
 * Compiles matcher entries that {@link parseProxyConfig} produced.
 * @param entries the entries, or `undefined` for a proxy that runs for every request
 * @param options base path and file name
 * @throws ProxyMatcherError when an entry no longer compiles once wrapped (base path, suffixes)
 */
export function compileMatcherEntries(
  entries: readonly MatcherEntry[] | undefined,
  options: ProxyMatcherOptions = {},
): ProxyMatcher {
  if (entries === undefined) return ALL;
  const file = options.file ?? 'proxy.ts';
  const compiled = entries.map((entry, index): CompiledMatcherEntry => {
    let compiled: CompiledSource;
    try {
      compiled = compileSource(entry.source, options);
    } catch (error) {
      if (!(error instanceof SourceSyntaxError)) throw error;
      throw new ProxyMatcherError(
        file,
        `matcher[${index}]`,
        `Failed to parse middleware source: ${error.message}`,
        'Shorten the source (with the base path it must stay within 4096 characters).',
      );
    }
    return {
      source: entry.source,
      regexp: compiled.regexp,
      test: compiled.test,
      has: (entry.has ?? []).map(compileCondition),
      missing: (entry.missing ?? []).map(compileCondition),
    };
  });
  const match = (pathname: string, request: ConditionInput): ConditionParams | undefined =>
    matchPath(compiled, pathname, request) ?? matchDecoded(compiled, pathname, request);
  return {
    entries: compiled,
    matchesAll: false,
    match,
    matches: (pathname, request) => match(pathname, request) !== undefined,
    mayMatch: (pathname) => pathMatches(compiled, pathname),
  };
}

const ALL: ProxyMatcher = {
  entries: [],
  matchesAll: true,
  matches: () => true,
  mayMatch: () => true,
  match: () => Object.create(null) as ConditionParams,
};

function pathMatches(entries: readonly CompiledMatcherEntry[], pathname: string): boolean {
  for (const entry of entries) if (entry.test(pathname)) return true;
  if (!pathname.includes('%')) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  for (const entry of entries) if (entry.test(decoded)) return true;
  return false;
}

function matchPath(
  entries: readonly CompiledMatcherEntry[],
  pathname: string,
  request: ConditionInput,
): ConditionParams | undefined {
  for (const entry of entries) {
    if (!entry.test(pathname)) continue;
    if (entry.has.length === 0 && entry.missing.length === 0)
      return Object.create(null) as ConditionParams;
    const params = matchConditions(entry.has, entry.missing, request);
    if (params) return params;
  }
  return undefined;
}

function matchDecoded(
  entries: readonly CompiledMatcherEntry[],
  pathname: string,
  request: ConditionInput,
): ConditionParams | undefined {
  if (!pathname.includes('%')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  return matchPath(entries, decoded, request);
}

/**
 * What a fetch `Request` offers to `has`/`missing` conditions.
 * @param request the request
 * @param search the query as received, `?…` or `''`
 */
export function requestConditionInput(request: Request, search: string): ConditionInput {
  return { header: (name) => request.headers.get(name), search };
}
