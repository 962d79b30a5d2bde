import assert from 'node:assert/strict';
import type { CaseResponse, Expectation, HeaderExpectation } from './case.js';

/** What was checked, what the case expected and what the server answered. */
export interface Mismatch {
  /** The part of the answer, e.g. `status`, `header allow`, `json.error.name`. */
  what: string;
  expected: string;
  actual: string;
}

/** Thrown when an answer does not meet a case's expectation. */
export class ExpectationError extends Error {
  override readonly name = 'ExpectationError';
  readonly code = 'CONFORMANCE_EXPECTATION';
  /** The difference, when the message is one `<what>: expected <x>, got <y>`. */
  readonly mismatch: Mismatch | undefined;

  /**
   * @param message what was expected and what came instead
   * @param mismatch the same, in parts
   */
  constructor(message: string, mismatch?: Mismatch) {
    super(message);
    this.mismatch = mismatch ?? parseMismatch(message);
  }
}

/**
 * Splits a message of the form `<what>: expected <x>, got <y>` into its parts.
 * @param message a failure message
 * @returns the parts, or `undefined` when the message has another form
 */
export function parseMismatch(message: string): Mismatch | undefined {
  const match = /^(?:([^:]+?): )?expected (.+?), got ([\s\S]+)$/.exec(message);
  if (!match?.[2] || match[3] === undefined) return undefined;
  return { what: match[1] ?? 'answer', expected: match[2], actual: match[3] };
}

function fail(what: string, expected: string, actual: string): never {
  throw new ExpectationError(`${what}: expected ${expected}, got ${actual}`, {
    what,
    expected,
    actual,
  });
}

function show(value: unknown): string {
  return value instanceof RegExp ? String(value) : JSON.stringify(value);
}

/**
 * Checks one header against its expectation.
 * @param response the answer
 * @param name the header name
 * @param expected exact value, pattern, list of fields in order, or `null` for absent
 */
export function expectHeader(
  response: CaseResponse,
  name: string,
  expected: HeaderExpectation,
): void {
  const values = response.headers[name.toLowerCase()];
  if (expected === null) {
    if (values !== undefined) fail(`header ${name}`, 'absent', show(values));
    return;
  }
  if (values === undefined) fail(`header ${name}`, show(expected), 'none');
  if (typeof expected === 'string') {
    if (values.length !== 1 || values[0] !== expected)
      fail(`header ${name}`, show(expected), show(values));
  } else if (expected instanceof RegExp) {
    if (values.length !== 1 || !expected.test(values[0] ?? ''))
      fail(`header ${name}`, show(expected), show(values));
  } else if (JSON.stringify(values) !== JSON.stringify(expected)) {
    fail(`header ${name}`, `fields ${show(expected)}`, show(values));
  }
}

function includes(actual: unknown, expected: unknown, path: string): void {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object') fail(path, 'an object', show(actual));
    for (const [key, value] of Object.entries(expected))
      includes((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    return;
  }
  try {
    assert.deepStrictEqual(actual, expected);
  } catch {
    fail(path, show(expected), show(actual));
  }
}

function parse(response: CaseResponse): unknown {
  try {
    return response.json();
  } catch {
    return fail('body', 'JSON', show(response.body.slice(0, 200)));
  }
}

/**
 * Checks an answer against a declarative expectation and throws an `ExpectationError` naming
 * the first difference.
 * @param response the answer
 * @param expected the expectation
 */
export function expectResponse(response: CaseResponse, expected: Expectation): void {
  if (response.status !== expected.status) {
    const body = response.body ? ` (body ${show(response.body.slice(0, 120))})` : '';
    fail('status', String(expected.status), `${response.status}${body}`);
  }
  for (const [name, value] of Object.entries(expected.headers ?? {}))
    expectHeader(response, name, value);
  if (expected.body !== undefined) {
    const ok =
      typeof expected.body === 'string'
        ? response.body === expected.body
        : expected.body.test(response.body);
    if (!ok) fail('body', show(expected.body), show(response.body.slice(0, 300)));
  }
  if (expected.json !== undefined) {
    const actual = parse(response);
    try {
      assert.deepStrictEqual(actual, expected.json);
    } catch {
      fail('json', show(expected.json), show(actual));
    }
  }
  if (expected.jsonIncludes !== undefined) includes(parse(response), expected.jsonIncludes, 'json');
}

/**
 * Asserts a condition of a custom check.
 * @param condition what must hold
 * @param message what was expected, shown when it does not hold
 */
export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ExpectationError(message);
}
