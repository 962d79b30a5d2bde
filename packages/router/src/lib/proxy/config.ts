import type { MatcherCondition } from './conditions.js';
import { ProxyMatcherError } from './errors.js';
import { checkSource } from './source.js';

/** One entry of `config.matcher`, normalised: a string becomes `{ source }`. */
export interface MatcherEntry {
  /** The path pattern, e.g. `/about/:path*`. */
  source: string;
  /** Conditions that must all hold. */
  has?: MatcherCondition[];
  /** Conditions none of which may hold. */
  missing?: MatcherCondition[];
  /** `false` to match without the locale prefix (meaningful with `i18n` only). */
  locale?: false;
}

// Next.js's words: the zod schema's where it has them (`source must start with /`), Turbopack's
// static analysis of `config` for shapes the schema never sees (a number, an object).
const STATIC_SHAPE =
  '`matcher` needs to be a static string or array of static strings or array of static objects.';
const FIX_SOURCE =
  "Write each matcher as a path starting with '/' in Next.js's matcher syntax, e.g. '/about/:path*' or '/((?!api|_next).*)'.";
const FIX_SHAPE =
  "config.matcher is a string, or an array of strings and objects { source, has?, missing?, locale?: false }, e.g. matcher: ['/about/:path*', { source: '/api/:path*', has: [{ type: 'header', key: 'authorization' }] }].";
const FIX_CONDITION =
  "Each has/missing item is { type: 'header' | 'cookie' | 'query', key: string, value?: string } or { type: 'host', value: string }.";

/**
 * Reads a proxy file's `export const config` as Next.js's build does: `config.matcher` is
 * validated and normalised; a `config` that is not an object, or has no matcher, means the
 * proxy runs for every request.
 * @param config the module's `config` export (`undefined` when it has none)
 * @param file the proxy file, relative to the project folder, for error messages
 * @returns the matcher entries, or `undefined` when the proxy runs for every request
 * @throws ProxyMatcherError naming the file, the entry and the fix
 */
export function parseProxyConfig(config: unknown, file: string): MatcherEntry[] | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  if ((config as { runtime?: unknown }).runtime === 'edge')
    throw new ProxyMatcherError(
      file,
      'runtime',
      'Proxy does not support Edge runtime.',
      "Remove `runtime` from the proxy's config: a proxy runs in the server's own runtime.",
    );
  const matcher = (config as { matcher?: unknown }).matcher;
  // A falsy matcher is no matcher, as in Next.js.
  if (matcher === undefined || matcher === null || matcher === '') return undefined;
  if (typeof matcher === 'string') return [{ source: sourceAt(matcher, file, 'matcher') }];
  if (!Array.isArray(matcher)) {
    throw new ProxyMatcherError(file, 'matcher', STATIC_SHAPE, FIX_SHAPE);
  }
  return matcher.map((entry: unknown, index) => entryAt(entry, file, `matcher[${index}]`));
}

function entryAt(entry: unknown, file: string, path: string): MatcherEntry {
  if (typeof entry === 'string') return { source: sourceAt(entry, file, path) };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new ProxyMatcherError(file, path, STATIC_SHAPE, FIX_SHAPE);
  }
  const record = entry as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'source' && key !== 'has' && key !== 'missing' && key !== 'locale')
      throw new ProxyMatcherError(
        file,
        path,
        `Unexpected property in \`${path}\` object`,
        FIX_SHAPE,
      );
  }
  const normalised: MatcherEntry = { source: sourceAt(record.source, file, `${path}.source`) };
  if (record.locale !== undefined) {
    if (record.locale !== false)
      throw new ProxyMatcherError(
        file,
        `${path}.locale`,
        `Invalid literal value, expected false`,
        'Leave locale out, or set it to false.',
      );
    normalised.locale = false;
  }
  for (const list of ['has', 'missing'] as const) {
    const value = record[list];
    if (value === undefined) continue;
    if (!Array.isArray(value))
      throw new ProxyMatcherError(
        file,
        `${path}.${list}`,
        `Expected array, received ${kind(value)}`,
        FIX_CONDITION,
      );
    normalised[list] = value.map((item: unknown, index) =>
      conditionAt(item, file, `${path}.${list}[${index}]`),
    );
  }
  return normalised;
}

function sourceAt(source: unknown, file: string, path: string): string {
  const problem = checkSource(source);
  if (problem !== undefined) throw new ProxyMatcherError(file, path, problem, FIX_SOURCE);
  return source as string;
}

function conditionAt(item: unknown, file: string, path: string): MatcherCondition {
  const fail = (problem: string, at = path) =>
    new ProxyMatcherError(file, at, problem, FIX_CONDITION);
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    throw fail(`Expected object, received ${kind(item)}`);
  const record = item as Record<string, unknown>;
  const type = record.type;
  if (type !== 'header' && type !== 'cookie' && type !== 'query' && type !== 'host') {
    throw fail(
      `\`${path}.type\` must be one of the strings: 'header', 'cookie', 'query', 'host'`,
      `${path}.type`,
    );
  }
  const allowed = type === 'host' ? ['type', 'value'] : ['type', 'key', 'value'];
  for (const key of Object.keys(record))
    if (!allowed.includes(key)) throw fail(`Unexpected property in \`${path}\` object`);
  if (record.value !== undefined && typeof record.value !== 'string')
    throw fail('value must be a string', `${path}.value`);
  // Next.js compiles the value on the first request and answers 500 when it is no regular
  // expression; refusing it up front names the entry instead.
  if (typeof record.value === 'string' && record.value !== '') {
    try {
      new RegExp(`^${record.value}$`);
    } catch (error) {
      throw fail(
        `Invalid regular expression in value: ${(error as Error).message}`,
        `${path}.value`,
      );
    }
  }
  if (type === 'host') {
    if (typeof record.value !== 'string') throw fail('host must have a value', `${path}.value`);
    return { type, value: record.value };
  }
  if (typeof record.key !== 'string')
    throw fail('key is required when type is header, query or cookie', `${path}.key`);
  return typeof record.value === 'string'
    ? { type, key: record.key, value: record.value }
    : { type, key: record.key };
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
