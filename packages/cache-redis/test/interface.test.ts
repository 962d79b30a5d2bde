import { INFINITE_CACHE as requestInfinite } from '@approute/request';
import { describe, expect, it } from 'vitest';
import { INFINITE_CACHE } from '../src/index.ts';

describe('the cache handler interface', () => {
  it("keeps @approute/request's value for an entry that never expires", () => {
    expect(INFINITE_CACHE).toBe(requestInfinite);
  });
});
