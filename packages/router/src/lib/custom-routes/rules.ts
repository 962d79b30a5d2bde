// The `headers()` and `redirects()` rules of next.config, as Next.js's build checks them: each
// rule an object with a `source` in Next.js's path syntax, `has`/`missing` conditions, and
// `basePath: false` to match outside the base path. A rule Next.js refuses is a startup error
// naming the rule and what to change.
import { parse } from 'path-to-regexp-v6';
import { RouteStartupError } from '../errors.js';
import type { MatcherCondition } from '../proxy/conditions.js';

/** One response header a rule sets. */
export interface RuleHeader {
  key: string;
  value: string;
}

/** What every rule has: where it applies. */
export interface RuleScope {
  /** The path pattern, e.g. `/api/:path*`, written without the base path. */
  source: string;
  /** Conditions that must all hold. */
  has?: MatcherCondition[];
  /** Conditions none of which may hold. */
  missing?: MatcherCondition[];
  /** `false`: the source is matched as written, without the base path in front. */
  basePath?: false;
}

/** One entry of next.config's `headers()`: response headers for the paths it matches. */
export interface HeaderRule extends RuleScope {
  headers: RuleHeader[];
}

/** The status codes a redirect rule may give. */
export type RedirectStatusCode = 301 | 302 | 303 | 307 | 308;

/** One entry of next.config's `redirects()`: paths it matches are sent to `destination`. */
export interface RedirectRule extends RuleScope {
  /** A path (`/new/:slug`) or an absolute URL, with the source's parameters. */
  destination: string;
  /** `true`: 308, `false`: 307 (give this or `statusCode`). */
  permanent?: boolean;
  statusCode?: RedirectStatusCode;
}

const STATUS_CODES = new Set([301, 302, 303, 307, 308]);
const CONDITION_TYPES = new Set(['header', 'cookie', 'query', 'host']);
const SCOPE_KEYS = ['source', 'has', 'missing', 'basePath', 'locale'];
const HEADER_KEYS = new Set([...SCOPE_KEYS, 'headers']);
const REDIRECT_KEYS = new Set([...SCOPE_KEYS, 'destination', 'permanent', 'statusCode']);

/** A `headers()` or `redirects()` rule Next.js would refuse to build. */
export class CustomRouteError extends RouteStartupError {
  override name = 'CustomRouteError';
  /** Where the rule is, e.g. `redirects()[2]`. */
  readonly rule: string;

  /**
   * @param file the config file, relative to the project (`next.config.ts`)
   * @param rule where the rule is, e.g. `redirects()[2]`
   * @param problem what is wrong with it
   * @param fix what to change
   */
  constructor(file: string, rule: string, problem: string, fix: string) {
    super('ERR_INVALID_CUSTOM_ROUTE', `${file}: ${rule} ${problem}`, [file], fix);
    this.rule = rule;
  }
}

const FIX_HEADER =
  "Each headers() rule is { source: '/path/:param*', headers: [{ key, value }], has?, missing?, basePath?: false }.";
const FIX_REDIRECT =
  "Each redirects() rule is { source: '/old/:slug', destination: '/new/:slug', permanent: true | false } (or statusCode: 301 | 302 | 303 | 307 | 308 instead of permanent), with has?, missing?, basePath?: false.";
const FIX_CONDITION =
  "Each has/missing item is { type: 'header' | 'cookie' | 'query', key: string, value?: string } or { type: 'host', value: string }.";

/**
 * Checks the value a config's `headers()` resolved to, as Next.js's build does.
 * @param value what `headers()` returned
 * @param file the config file, for error messages
 * @returns the rules
 * @throws CustomRouteError naming the first invalid rule
 */
export function checkHeaderRules(value: unknown, file: string): HeaderRule[] {
  return rulesOf(value, file, 'headers()').map((rule, index) => {
    const at = `headers()[${index}]`;
    unexpectedKeys(rule, HEADER_KEYS, file, at, FIX_HEADER);
    const headers = rule.headers;
    if (!Array.isArray(headers) || headers.length === 0)
      throw new CustomRouteError(file, at, '`headers` must be a non-empty array.', FIX_HEADER);
    const checked = headers.map((header: unknown, i) => {
      const { key, value } = (header ?? {}) as Record<string, unknown>;
      if (typeof key !== 'string' || typeof value !== 'string')
        throw new CustomRouteError(
          file,
          `${at}.headers[${i}]`,
          'must be { key: string, value: string }.',
          FIX_HEADER,
        );
      return { key, value };
    });
    return { ...scopeOf(rule, file, at, FIX_HEADER), headers: checked };
  });
}

/**
 * Checks the value a config's `redirects()` resolved to, as Next.js's build does.
 * @param value what `redirects()` returned
 * @param file the config file, for error messages
 * @returns the rules
 * @throws CustomRouteError naming the first invalid rule
 */
export function checkRedirectRules(value: unknown, file: string): RedirectRule[] {
  return rulesOf(value, file, 'redirects()').map((rule, index) => {
    const at = `redirects()[${index}]`;
    unexpectedKeys(rule, REDIRECT_KEYS, file, at, FIX_REDIRECT);
    const { destination, permanent, statusCode } = rule;
    if (typeof destination !== 'string' || destination === '')
      throw new CustomRouteError(file, at, '`destination` must be a string.', FIX_REDIRECT);
    if (statusCode !== undefined && permanent !== undefined)
      throw new CustomRouteError(
        file,
        at,
        '`permanent` and `statusCode` can not both be provided.',
        FIX_REDIRECT,
      );
    if (statusCode !== undefined && !STATUS_CODES.has(statusCode as number))
      throw new CustomRouteError(
        file,
        at,
        `\`statusCode\` ${JSON.stringify(statusCode)} is not one of 301, 302, 303, 307, 308.`,
        FIX_REDIRECT,
      );
    if (statusCode === undefined && typeof permanent !== 'boolean')
      throw new CustomRouteError(
        file,
        at,
        '`permanent` is not set to `true` or `false`.',
        FIX_REDIRECT,
      );
    const scope = scopeOf(rule, file, at, FIX_REDIRECT);
    const unknown = destinationParams(destination).filter(
      (name) => !capturedNames(scope).has(name),
    );
    if (unknown.length > 0)
      throw new CustomRouteError(
        file,
        at,
        `\`destination\` has segments not in \`source\` or \`has\` (${unknown.join(', ')}).`,
        'Name in the destination only parameters the source (or a has condition) captures.',
      );
    const checked: RedirectRule = { ...scope, destination };
    if (statusCode !== undefined) checked.statusCode = statusCode as RedirectStatusCode;
    else checked.permanent = permanent as boolean;
    return checked;
  });
}

// The parameter names a destination's path (or host) uses: `:name`, not a port.
function destinationParams(destination: string): string[] {
  const cut = destination.search(/[?#]/);
  const head = cut === -1 ? destination : destination.slice(0, cut);
  return [...head.matchAll(/:([A-Za-z_]\w*)/g)].map((found) => found[1] ?? '');
}

// What a source and its `has` conditions can capture, by name.
function capturedNames(scope: RuleScope): Set<string> {
  const names = new Set<string>();
  for (const token of parse(scope.source))
    if (typeof token === 'object' && typeof token.name === 'string') names.add(token.name);
  for (const condition of scope.has ?? []) {
    if (condition.type === 'host') names.add('host');
    else if (condition.value === undefined || condition.value === '')
      names.add(condition.key.replace(/[^A-Za-z]/g, ''));
    for (const found of (condition.value ?? '').matchAll(/\(\?<([A-Za-z_]\w*)>/g))
      names.add(found[1] ?? '');
  }
  return names;
}

function rulesOf(value: unknown, file: string, where: string): Record<string, unknown>[] {
  if (!Array.isArray(value))
    throw new CustomRouteError(
      file,
      where,
      `must return an array, received ${kind(value)}.`,
      `Return an array of rules from ${where}.`,
    );
  return value.map((rule: unknown, index) => {
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
      throw new CustomRouteError(
        file,
        `${where.slice(0, -2)}()[${index}]`,
        `must be an object, received ${kind(rule)}.`,
        `Write each rule of ${where} as an object.`,
      );
    return rule as Record<string, unknown>;
  });
}

function unexpectedKeys(
  rule: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  file: string,
  at: string,
  fix: string,
): void {
  const extra = Object.keys(rule).filter((key) => !allowed.has(key));
  if (extra.length > 0)
    throw new CustomRouteError(
      file,
      at,
      `has invalid ${extra.length === 1 ? 'key' : 'keys'}: ${extra.join(', ')}.`,
      fix,
    );
}

function scopeOf(rule: Record<string, unknown>, file: string, at: string, fix: string): RuleScope {
  const { source, basePath, locale } = rule;
  if (typeof source !== 'string')
    throw new CustomRouteError(file, at, '`source` must be a string.', fix);
  if (!source.startsWith('/'))
    throw new CustomRouteError(file, at, '`source` does not start with /.', fix);
  try {
    parse(source);
  } catch (error) {
    throw new CustomRouteError(
      file,
      at,
      `\`source\` ${JSON.stringify(source)} does not parse: ${(error as Error).message}.`,
      fix,
    );
  }
  if (basePath !== undefined && basePath !== false)
    throw new CustomRouteError(file, at, '`basePath` must be undefined or false.', fix);
  if (locale !== undefined && locale !== false)
    throw new CustomRouteError(file, at, '`locale` must be undefined or false.', fix);
  const scope: RuleScope = { source };
  if (basePath === false) scope.basePath = false;
  for (const list of ['has', 'missing'] as const) {
    const items = rule[list];
    if (items === undefined) continue;
    if (!Array.isArray(items))
      throw new CustomRouteError(file, `${at}.${list}`, 'must be an array.', FIX_CONDITION);
    scope[list] = items.map((item: unknown, i) => conditionOf(item, file, `${at}.${list}[${i}]`));
  }
  return scope;
}

function conditionOf(item: unknown, file: string, at: string): MatcherCondition {
  const fail = (problem: string) => new CustomRouteError(file, at, problem, FIX_CONDITION);
  if (typeof item !== 'object' || item === null) throw fail('must be an object.');
  const { type, key, value } = item as Record<string, unknown>;
  if (typeof type !== 'string' || !CONDITION_TYPES.has(type))
    throw fail("`type` must be one of 'header', 'cookie', 'query', 'host'.");
  if (value !== undefined && typeof value !== 'string') throw fail('`value` must be a string.');
  if (typeof value === 'string' && value !== '') {
    try {
      new RegExp(`^${value}$`);
    } catch (error) {
      throw fail(`\`value\` is not a regular expression: ${(error as Error).message}.`);
    }
  }
  if (type === 'host') {
    if (typeof value !== 'string') throw fail('`value` is required when type is host.');
    return { type, value };
  }
  if (typeof key !== 'string')
    throw fail('`key` is required when type is header, cookie or query.');
  const condition = { type: type as 'header' | 'cookie' | 'query', key };
  return typeof value === 'string' ? { ...condition, value } : condition;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
