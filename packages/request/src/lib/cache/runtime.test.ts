import { describe, expect, it } from 'vitest';
import { INFINITE_CACHE } from './handler.js';
import { isExpired, isStale } from './runtime.js';

describe('isExpired and isStale', () => {
  const entry = { timestamp: 10_000, revalidate: 5, expire: 60 };

  it('reads an entry fresh before its revalidate, stale after it, a miss after its expire', () => {
    expect([isExpired(entry, 14_000), isStale(entry, 14_000)]).toEqual([false, false]);
    expect([isExpired(entry, 16_000), isStale(entry, 16_000)]).toEqual([false, true]);
    expect(isExpired(entry, 71_000)).toBe(true);
  });

  it('reads a revalidated entry (revalidate -1) stale at once, and infinite lifetimes never end', () => {
    expect(isStale({ ...entry, revalidate: -1 }, 10_000)).toBe(true);
    const forever = { timestamp: 0, revalidate: INFINITE_CACHE, expire: INFINITE_CACHE };
    expect([isExpired(forever, 1e15), isStale(forever, 1e15)]).toEqual([false, false]);
  });
});
