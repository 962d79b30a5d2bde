import { ipAddress, geolocation } from '@vercel/functions';
import { describe, expect, it } from 'vitest';
import { plainAddress } from './client-address.js';
import { createLazyRequest } from './lazy-request.js';

const lazy = (rawHeaders: string[], trustProxy: boolean, address = '::ffff:192.0.2.1') => {
  let asked = 0;
  const request = createLazyRequest({
    method: 'GET',
    url: 'http://localhost/x',
    rawHeaders,
    trustProxy,
    client: {
      get remoteAddress() {
        asked += 1;
        return address;
      },
    },
  });
  return { request, asked: () => asked };
};

describe('the client address on a lazy request', () => {
  it("is the connection's without a trusted proxy: a client's X-Real-IP and X-Vercel-IP-* are dropped", () => {
    const { request } = lazy(
      ['X-Real-IP', '203.0.113.9', 'x-vercel-ip-country', 'DE', 'x-other', 'kept'],
      false,
    );
    expect(ipAddress(request)).toBe('192.0.2.1');
    expect(geolocation(request).country).toBeUndefined();
    expect(request.headers.get('x-other')).toBe('kept');
  });

  it("is a trusted proxy's X-Real-IP, else its first X-Forwarded-For entry, else the connection's", () => {
    const real = lazy(['x-real-ip', '203.0.113.9', 'x-vercel-ip-country', 'DE'], true).request;
    expect(ipAddress(real)).toBe('203.0.113.9');
    expect(geolocation(real)).toMatchObject({ country: 'DE', flag: '🇩🇪' });
    expect(ipAddress(lazy(['x-forwarded-for', '198.51.100.4, 10.0.0.1'], true).request)).toBe(
      '198.51.100.4',
    );
    expect(ipAddress(lazy([], true).request)).toBe('192.0.2.1');
  });

  it('costs nothing until the headers are read', () => {
    const { request, asked } = lazy(['cookie', 'a=1'], false);
    expect(request.cookies.get('a')?.value).toBe('1');
    expect(asked()).toBe(0);
    expect(request.headers.get('x-real-ip')).toBe('192.0.2.1');
    expect(asked()).toBe(1);
  });

  it('works the same from a Headers object (the web adapter) as from raw headers', () => {
    const request = createLazyRequest({
      method: 'GET',
      url: 'http://localhost/x',
      headers: new Headers({ 'x-real-ip': '203.0.113.9', 'x-vercel-ip-city': 'Berlin' }),
      client: { remoteAddress: '198.51.100.7' },
    });
    expect(ipAddress(request)).toBe('198.51.100.7');
    expect(geolocation(request).city).toBeUndefined();
  });

  it('writes an IPv4 client of a dual-stack socket as IPv4', () => {
    expect(plainAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(plainAddress('::1')).toBe('::1');
    expect(plainAddress(undefined)).toBeUndefined();
  });
});
