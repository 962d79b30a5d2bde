/** One `has` or `missing` condition of a matcher, as `config.matcher` declares it. */
export type MatcherCondition =
  | { type: 'header' | 'cookie' | 'query'; key: string; value?: string }
  | { type: 'host'; value: string };

/** What a condition can read of a request; each part is read only when a condition asks. */
export interface ConditionInput {
  /** A request header by lower-case name (repeated fields joined with `, `), or `null`. */
  header(name: string): string | null;
  /** The raw query, `?a=1&b=2` or `''`. */
  search: string;
}

/** The values a matched condition captured: named groups of `value`, or the whole value. */
export type ConditionParams = Record<string, string>;

/** A condition compiled once: its `value` turned into a regular expression. */
export interface CompiledCondition {
  type: MatcherCondition['type'];
  key: string;
  pattern: RegExp | undefined;
}

/**
 * Compiles a condition's `value` the way Next.js does, `new RegExp('^' + value + '$')`: the
 * anchors bind to the first and last alternative only, so `on|yes` also matches `onion`.
 * @param condition a validated condition
 */
export function compileCondition(condition: MatcherCondition): CompiledCondition {
  return {
    type: condition.type,
    key: condition.type === 'host' ? '' : condition.key,
    pattern:
      condition.value === undefined || condition.value === ''
        ? undefined
        : new RegExp(`^${condition.value}$`),
  };
}

/**
 * Evaluates `has` and `missing` against a request: every `has` condition must hold and no
 * `missing` one may. An empty value counts as absent, as in Next.js.
 * @param has the conditions that must hold
 * @param missing the conditions that must not hold
 * @param input the request's headers and query
 * @returns the captured values when the request passes, `undefined` otherwise
 */
export function matchConditions(
  has: readonly CompiledCondition[],
  missing: readonly CompiledCondition[],
  input: ConditionInput,
): ConditionParams | undefined {
  const params: ConditionParams = Object.create(null) as ConditionParams;
  const reader = new RequestReader(input);
  for (const condition of has) if (!holds(condition, reader, params)) return undefined;
  const ignored: ConditionParams = Object.create(null) as ConditionParams;
  for (const condition of missing) if (holds(condition, reader, ignored)) return undefined;
  return params;
}

function holds(condition: CompiledCondition, reader: RequestReader, params: ConditionParams) {
  const value = reader.read(condition);
  if (value === undefined || value === '') return false;
  if (!condition.pattern) {
    params[paramName(condition.key)] = value;
    return true;
  }
  const found = condition.pattern.exec(value);
  if (!found) return false;
  if (found.groups) Object.assign(params, found.groups);
  else if (condition.type === 'host') params.host = found[0];
  return true;
}

// Next.js names the capture of a valueless condition after its key, letters only.
function paramName(key: string): string {
  let name = '';
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) name += key.charAt(index);
  }
  return name;
}

// Reads each part of the request once, on the first condition that needs it.
class RequestReader {
  readonly #input: ConditionInput;
  #cookies: Map<string, string> | undefined;
  #query: URLSearchParams | undefined;

  constructor(input: ConditionInput) {
    this.#input = input;
  }

  read(condition: CompiledCondition): string | undefined {
    switch (condition.type) {
      case 'header':
        return this.#input.header(condition.key.toLowerCase()) ?? undefined;
      case 'cookie':
        this.#cookies ??= parseCookies(this.#input.header('cookie') ?? '');
        return this.#cookies.get(condition.key);
      case 'query': {
        this.#query ??= new URLSearchParams(this.#input.search);
        // A repeated key: Next.js tests the last value.
        return this.#query.getAll(condition.key).at(-1);
      }
      case 'host':
        // The port is cut at the first `:`, as Next.js does (an IPv6 literal keeps only `[`).
        return this.#input.header('host')?.split(':', 1)[0]?.toLowerCase();
    }
  }
}

// The `Cookie` header as Next.js's matcher reads it (the `cookie` package's parse): pairs split
// at `;`, names and values trimmed, a leading double quote and the last character removed, values
// percent-decoded where they decode, and the first of two equal names kept.
function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals === -1) continue;
    const name = pair.slice(0, equals).trim();
    if (cookies.has(name)) continue;
    let value = pair.slice(equals + 1).trim();
    // Only the first character is checked: `"x` becomes `` as in the `cookie` package 0.4.
    if (value.charCodeAt(0) === 34) value = value.slice(1, -1);
    if (value.includes('%')) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // Kept as sent.
      }
    }
    cookies.set(name, value);
  }
  return cookies;
}
