import { describe, expect, it } from 'vitest';
import { compileCondition, matchConditions, type MatcherCondition } from './conditions.js';

function run(
  has: MatcherCondition[],
  missing: MatcherCondition[],
  headers: Record<string, string>,
  search = '',
) {
  const h = new Headers(headers);
  return matchConditions(has.map(compileCondition), missing.map(compileCondition), {
    header: (name) => h.get(name),
    search,
  });
}

describe('has and missing', () => {
  it('anchors the value as Next.js does: ^on|yes$ also takes "onion"', () => {
    const has: MatcherCondition[] = [{ type: 'header', key: 'x-flag', value: 'on|yes' }];
    expect(run(has, [], { 'x-flag': 'onion' })).toBeDefined();
    expect(run(has, [], { 'x-flag': 'ayes' })).toBeDefined();
    expect(run(has, [], { 'x-flag': 'no' })).toBeUndefined();
  });

  it('reads header keys case-insensitively and treats an empty value as absent', () => {
    expect(run([{ type: 'header', key: 'X-Any' }], [], { 'x-any': 'v' })).toEqual({ XAny: 'v' });
    expect(run([{ type: 'header', key: 'x-any' }], [], { 'x-any': '' })).toBeUndefined();
  });

  it('captures named groups', () => {
    expect(run([{ type: 'query', key: 'q', value: '(?<v>\\d+)' }], [], {}, '?q=12')).toEqual({
      v: '12',
    });
  });

  it('tests the last value of a repeated query key', () => {
    const has: MatcherCondition[] = [{ type: 'query', key: 'q', value: '\\d+' }];
    expect(run(has, [], {}, '?q=x&q=1')).toBeDefined();
    expect(run(has, [], {}, '?q=1&q=x')).toBeUndefined();
  });

  it('reads cookies like the cookie package: first name wins, quotes and percent-encoding removed', () => {
    const has = (value: string): MatcherCondition[] => [{ type: 'cookie', key: 'a', value }];
    expect(run(has('1'), [], { cookie: 'a=1; a=2' })).toBeDefined();
    expect(run(has('q'), [], { cookie: 'a="q"' })).toBeDefined();
    expect(run(has(' x'), [], { cookie: 'a=%20x' })).toBeDefined();
    expect(run(has('%ZZ'), [], { cookie: 'a=%ZZ' })).toBeDefined();
    expect(run([{ type: 'cookie', key: 'a' }], [], { cookie: 'a="x' })).toBeUndefined();
  });

  it('matches the host without port, lower-cased, and captures it', () => {
    expect(
      run([{ type: 'host', value: 'www\\.example\\.com' }], [], { host: 'WWW.EXAMPLE.COM:8080' }),
    ).toEqual({
      host: 'www.example.com',
    });
  });

  it('fails when a missing condition holds', () => {
    expect(run([], [{ type: 'header', key: 'x-no' }], { 'x-no': '1' })).toBeUndefined();
    expect(run([], [{ type: 'header', key: 'x-no' }], {})).toEqual({});
  });

  it('treats __proto__ and constructor as plain names', () => {
    expect(run([{ type: 'cookie', key: '__proto__' }], [], { cookie: '__proto__=1' })).toEqual({
      proto: '1',
    });
    expect(run([{ type: 'query', key: 'constructor' }], [], {}, '')).toBeUndefined();
  });
});
