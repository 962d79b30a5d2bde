import { describe, expect, it } from 'vitest';
import { serializeRequestURL } from './request-url.js';

function requestURL(url: string): string {
  return new Request(url).url;
}

// A small deterministic generator (mulberry32), so a failure names a seed that reproduces it.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  'a',
  'Z',
  '0',
  '9',
  '-',
  '.',
  '_',
  '~',
  '/',
  '//',
  '?',
  '&',
  '=',
  '%',
  '%20',
  '%2e',
  '%2E',
  '%zz',
  '..',
  '/./',
  '/../',
  ' ',
  '"',
  "'",
  '<',
  '>',
  '`',
  '{',
  '}',
  '|',
  '^',
  '[',
  ']',
  '\\',
  '#',
  '@',
  ':',
  ';',
  ',',
  '!',
  '$',
  '(',
  ')',
  '*',
  '+',
  'é',
  '€',
  '😀',
  '\t',
  '\u0000',
];
const hosts = [
  'localhost',
  'LOCALHOST',
  'example.com',
  'a.b-c.d',
  '127.0.0.1',
  '127.1',
  '0x7f.0.0.1',
  '010.0.0.1',
  '[::1]',
  'xn--nxasmq6b',
  'a..b',
  'a.',
  '1.2.3.256',
];
const ports = ['', ':80', ':443', ':3000', ':08', ':65535', ':65536', ':'];

describe('serializeRequestURL', () => {
  it('gives what Request#url gives for hand-picked URLs', () => {
    const urls = [
      'http://localhost:3000/hello',
      'http://localhost:3000/',
      'http://localhost',
      'https://example.com:443/a',
      'http://example.com:80/a',
      'http://Example.COM/a',
      'http://localhost/a/../b',
      'http://localhost/a/%2e%2E/b',
      'http://localhost/.well-known/x',
      'http://localhost/a?x=1&y=a b',
      "http://localhost/a?x='1'",
      'http://localhost/a#frag',
      'http://localhost/€',
      'http://127.1/',
      'http://[::1]:3000/x',
      'http://localhost/a?%zz',
      'http://localhost/a\\b',
    ];
    for (const url of urls) expect(serializeRequestURL(url), url).toBe(requestURL(url));
  });

  it('returns the very same string when it is already serialised (the fast path)', () => {
    const url = 'http://localhost:3000/api/items/42?sort=desc&page=2';
    expect(serializeRequestURL(url)).toBe(url);
  });

  it('gives what Request#url gives for 5,000 generated URLs', () => {
    const next = random(20261124);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    for (let i = 0; i < 5000; i++) {
      let path = '/';
      const length = Math.floor(next() * 8);
      for (let j = 0; j < length; j++) path += pick(pieces);
      const url = `${next() < 0.5 ? 'http' : 'https'}://${pick(hosts)}${pick(ports)}${path}`;
      let expected: string;
      try {
        expected = requestURL(url);
      } catch {
        expect(() => serializeRequestURL(url), url).toThrow(TypeError);
        continue;
      }
      expect(serializeRequestURL(url), url).toBe(expected);
    }
  });

  it('throws a TypeError for a URL that is not absolute', () => {
    expect(() => serializeRequestURL('/relative')).toThrow(TypeError);
  });
});
