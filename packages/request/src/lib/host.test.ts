import { describe, expect, it } from 'vitest';
import { hasValidAuthority, isValidHost, validAuthorityEnd } from './host.js';

describe('validAuthorityEnd', () => {
  it('gives where the path starts, or -1 for a URL whose authority is no valid Host', () => {
    expect(validAuthorityEnd('http://127.0.0.1:3000/hello')).toBe(21);
    expect(validAuthorityEnd('https://example.com/a?b')).toBe(19);
    expect(validAuthorityEnd('http://example.com?q')).toBe(18);
    expect(validAuthorityEnd('http://example.com')).toBe(18);
    expect(validAuthorityEnd('http://exa mple.com/')).toBe(-1);
    expect(validAuthorityEnd('ftp://example.com/')).toBe(-1);
    expect(validAuthorityEnd('127.0.0.1:1')).toBe(-1);
  });

  it('answers from the last accepted origin only where the URL continues with its path', () => {
    expect(validAuthorityEnd('http://127.0.0.1:3000/first')).toBe(21);
    // The same text followed by more authority: checked again, not taken from the last one.
    expect(validAuthorityEnd('http://127.0.0.1:30000/x')).toBe(22);
    expect(validAuthorityEnd('http://127.0.0.1:3000@evil/x')).toBe(-1);
    expect(validAuthorityEnd('http://127.0.0.1:3000 /x')).toBe(-1);
    expect(validAuthorityEnd('http://127.0.0.1:30000#x')).toBe(22);
    // A rejected one is never remembered.
    expect(validAuthorityEnd('http://a b/x')).toBe(-1);
    expect(validAuthorityEnd('http://a b/y')).toBe(-1);
    expect(hasValidAuthority('http://127.0.0.1:30000/')).toBe(true);
  });
});

describe('isValidHost', () => {
  it('takes a host with an optional port, and refuses what the URL parser refuses', () => {
    expect(isValidHost('example.com')).toBe(true);
    expect(isValidHost('[::1]:8080')).toBe(true);
    expect(isValidHost('a b')).toBe(false);
    expect(isValidHost('example.com:99999')).toBe(false);
  });
});
