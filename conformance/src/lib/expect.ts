import assert from 'node:assert/strict';
import type { CaseResponse, Expectation, HeaderExpectation } from './case.js';

/** Thrown when an answer does not meet a case's expectation. */
export class ExpectationError extends Error {
  override readonly name = 'ExpectationError';
  readonly code = 'CONFORMANCE_EXPECTATION';
}

function fail(message: string): never {
  throw new ExpectationError(message);
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
    if (values !== undefined) fail(`header ${name}: expected absent, got ${show(values)}`);
    return;
  }
  if (values === undefined) fail(`header ${name}: expected ${show(expected)}, got none`);
  if (typeof expected === 'string') {
    if (values.length !== 1 || values[0] !== expected)
      fail(`header ${name}: expected ${show(expected)}, got ${show(values)}`);
  } else if (expected instanceof RegExp) {
    if (values.length !== 1 || !expected.test(values[0] ?? ''))
      fail(`header ${name}: expected ${show(expected)}, got ${show(values)}`);
  } else if (JSON.stringify(values) !== JSON.stringify(expected)) {
    fail(`header ${name}: expected fields ${show(expected)}, got ${show(values)}`);
  }
}

function includes(actual: unknown, expected: unknown, path: string): void {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object')
      fail(`${path}: expected an object, got ${show(actual)}`);
    for (const [key, value] of Object.entries(expected))
      includes((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    return;
  }
  try {
    assert.deepStrictEqual(actual, expected);
  } catch {
    fail(`${path}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

function parse(response: CaseResponse): unknown {
  try {
    return response.json();
  } catch {
    return fail(`body: expected JSON, got ${show(response.body.slice(0, 200))}`);
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
    fail(
      `status: expected ${expected.status}, got ${response.status}${response.body ? ` (body ${show(response.body.slice(0, 120))})` : ''}`,
    );
  }
  for (const [name, value] of Object.entries(expected.headers ?? {}))
    expectHeader(response, name, value);
  if (expected.body !== undefined) {
    const ok =
      typeof expected.body === 'string'
        ? response.body === expected.body
        : expected.body.test(response.body);
    if (!ok)
      fail(`body: expected ${show(expected.body)}, got ${show(response.body.slice(0, 300))}`);
  }
  if (expected.json !== undefined) {
    const actual = parse(response);
    try {
      assert.deepStrictEqual(actual, expected.json);
    } catch {
      fail(`json: expected ${show(expected.json)}, got ${show(actual)}`);
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
  if (!condition) fail(message);
}
