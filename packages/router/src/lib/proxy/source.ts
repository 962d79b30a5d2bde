import { parse, tokensToRegexp, type Token } from 'path-to-regexp-v6';

// Next.js compiles a matcher `source` with path-to-regexp 6 (the `:name*` / `(regex)` syntax;
// path-to-regexp 8 rejects both), wrapped so that the transport forms of a path match too:
// `/_next/data/<build>/…` in front, `.json`, `.rsc` and `.segments/….segment.rsc` behind, and
// `/index…` for `/`. The regular expression is then used without flags: case-sensitive.
const DATA_PREFIX = '/:nextData(_next/data/[^/]{1,})?';
const TRANSPORT_SUFFIX = '\\.rsc|\\.segments/.+\\.segment\\.rsc';
const SUFFIX = `{(\\.json|${TRANSPORT_SUFFIX})}?`;
const ROOT_SUFFIX = `(/?index|/?index\\.json|/?index(?:${TRANSPORT_SUFFIX}))?`;

/** The longest `source` Next.js accepts, in characters. */
export const MAX_SOURCE_LENGTH = 4096;

/** Why a `source` cannot be compiled: the problem in Next.js's words, and the string parsed. */
export class SourceSyntaxError extends Error {
  override name = 'SourceSyntaxError';
}

/**
 * Parses a path in Next.js's matcher syntax into path-to-regexp 6 tokens and compiles them,
 * as Next.js's `tryToParsePath` does: a repeated parameter with neither prefix nor suffix
 * (`/a-:b*`), which path-to-regexp 6.3 refuses, gets `/` as its prefix.
 * @param source the path pattern
 * @param strict leave out the optional trailing delimiter `[/#?]?` before `$`
 * @returns the regular expression source, anchored with `^…$`
 * @throws Error with path-to-regexp's message (`Unbalanced pattern at 3`, …)
 */
export function compilePath(source: string, strict = false): string {
  const tokens = parse(source);
  try {
    return tokensToRegexp(tokens, undefined, { strict }).source;
  } catch {
    return tokensToRegexp(tokens.map(withSlashPrefix), undefined, { strict }).source;
  }
}

function withSlashPrefix(token: Token): Token {
  if (
    typeof token === 'object' &&
    (token.modifier === '*' || token.modifier === '+') &&
    token.prefix === '' &&
    token.suffix === ''
  )
    return { ...token, prefix: '/' };
  return token;
}

/**
 * Checks one matcher `source` as Next.js's build does: a string of at most 4096 characters,
 * starting with `/`, that path-to-regexp 6 parses.
 * @param source the value given as `source` (or as a matcher string)
 * @returns the problem, in Next.js's words, or `undefined` when the source is valid
 */
export function checkSource(source: unknown): string | undefined {
  if (source === undefined) return 'source is required';
  if (typeof source !== 'string') return `Expected string, received ${describe(source)}`;
  if (source.length > MAX_SOURCE_LENGTH)
    return `exceeds max built length of ${MAX_SOURCE_LENGTH} for route`;
  if (!source.startsWith('/')) return 'source must start with /';
  try {
    compilePath(source);
  } catch (error) {
    return `Invalid source '${source}': ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

/** Options of {@link compileSource}. */
export interface SourceOptions {
  /** `''` or a prefix like `/base`: matchers are written without it and match with it. */
  basePath?: string;
}

/** A compiled matcher source: Next.js's regular expression and a linear-time test for it. */
export interface CompiledSource {
  /** The regular expression Next.js builds (and runs) for the source. */
  regexp: RegExp;
  /** Whether a path (base path included) matches `regexp`, in time linear in its length. */
  test: (path: string) => boolean;
  /**
   * The expressions `test` runs on paths without line terminators (the ones to check for
   * ReDoS); a path with one (only a percent-decoded path can hold it) takes `regexp`.
   */
  runs: readonly RegExp[];
}

/**
 * Turns a valid matcher `source` into the regular expression Next.js runs against the request
 * path (base path included, transport forms `/_next/data/…`, `.json`, `.rsc` allowed), and a
 * test with the same answers that does not backtrack quadratically.
 * @param source a source that {@link checkSource} accepts
 * @param options the base path
 * @throws SourceSyntaxError when the wrapped source does not compile (the 4096-character limit
 *   reached by the wrapping, for instance)
 */
export function compileSource(source: string, options: SourceOptions = {}): CompiledSource {
  const head = `${options.basePath ?? ''}${DATA_PREFIX}${source}`;
  const isRoot = source === '/';
  const wrapped = `${head}${isRoot ? ROOT_SUFFIX : SUFFIX}`;
  const problem = checkSource(wrapped);
  if (problem !== undefined) throw new SourceSyntaxError(problem);
  const regexp = new RegExp(compilePath(wrapped));
  // A path that starts neither with the source's leading text nor with `/_next/data/` cannot
  // match: most requests a matcher does not cover end at two `startsWith`.
  const first = parse(source)[0];
  const literal = `${options.basePath ?? ''}${typeof first === 'string' ? first : ''}`;
  const data = `${options.basePath ?? ''}/_next/data/`;
  const may = (path: string) => path.startsWith(literal) || path.startsWith(data);
  // The root's suffix is anchored to a fixed `/index`: the full expression is linear there.
  if (isRoot) return { regexp, test: (path) => regexp.test(path), runs: [regexp] };
  const exact = compilePath(head, true);
  const core = new RegExp(exact);
  const segments = new RegExp(`${exact.slice(0, -1)}\\.segments\\/.`);
  return {
    regexp,
    test: (path) =>
      may(path) &&
      (LINE_TERMINATOR.test(path) ? regexp.test(path) : testSplit(core, segments, path)),
    runs: [core, segments],
  };
}

// Next.js's expression is `^ head (\.json|\.rsc|\.segments\/.+\.segment\.rsc)? [\/#\?]? $`.
// Its `.+` can also match the `/`-separated segments of `head`, so a path repeating
// `x.segments/` makes it backtrack quadratically (recheck: 2nd degree polynomial; 25 ms for a
// 16 KB path). The same language, tested piece by piece: strip the optional delimiter, then
// each suffix form, and match `head` exactly. `.+` cannot cross a line terminator, which only a
// decoded path can hold; such paths take Next.js's expression.
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

function testSplit(core: RegExp, segments: RegExp, path: string): boolean {
  if (testSuffixes(core, segments, path)) return true;
  const last = path.charCodeAt(path.length - 1);
  return (
    (last === 0x2f /* / */ || last === 0x23 /* # */ || last === 0x3f) /* ? */ &&
    testSuffixes(core, segments, path.slice(0, -1))
  );
}

function testSuffixes(core: RegExp, segments: RegExp, path: string): boolean {
  if (core.test(path)) return true;
  if (path.endsWith('.json') && core.test(path.slice(0, -5))) return true;
  if (path.endsWith('.rsc')) {
    if (core.test(path.slice(0, -4))) return true;
    if (path.endsWith('.segment.rsc') && segments.test(path.slice(0, -12))) return true;
  }
  return false;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
