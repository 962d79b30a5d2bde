import { describe, expect, it } from 'vitest';
import { NextResponse } from './next-response.js';

describe('NextResponse.json', () => {
  it('serialises the body as JSON and keeps the init status and headers', async () => {
    const response = NextResponse.json({ a: 1 }, { status: 201, headers: { 'x-a': 'b' } });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-a')).toBe('b');
    expect(await response.text()).toBe('{"a":1}');
  });
});
