import { geolocation, ipAddress, waitUntil } from '@vercel/functions';
import { describe, expect, it, vi } from 'vitest';
import { NextRequest } from './next-request.js';
import { createRequestScope, runAfterTasks, runInScope } from './scope.js';

describe("@vercel/functions' waitUntil", () => {
  it('queues the promise on the request scope, so after() machinery awaits it', async () => {
    const scope = createRequestScope(new NextRequest('http://localhost/x'));
    let resolve!: () => void;
    const work = new Promise<void>((done) => (resolve = done));
    runInScope(scope, () => {
      waitUntil(work);
    });
    expect(scope.afterTasks).toEqual([work]);
    let finished = false;
    const running = runAfterTasks(scope).then(() => (finished = true));
    await Promise.resolve();
    expect(finished).toBe(false);
    resolve();
    await running;
    expect(finished).toBe(true);
  });

  it('reports a rejection through runAfterTasks, not as an unhandled rejection', async () => {
    const scope = createRequestScope(new NextRequest('http://localhost/x'));
    runInScope(scope, () => {
      waitUntil(Promise.reject(new Error('late failure')));
    });
    const onError = vi.fn();
    await runAfterTasks(scope, onError);
    expect(onError).toHaveBeenCalledWith(new Error('late failure'));
  });

  it('does nothing outside a request (no context), as on a server without one', () => {
    expect(waitUntil(Promise.resolve())).toBeUndefined();
  });

  it('is refused by the package itself for a non-promise', () => {
    expect(() => waitUntil('x' as unknown as Promise<void>)).toThrow(
      'waitUntil can only be called with a Promise, got string',
    );
  });
});

describe("@vercel/functions' ipAddress and geolocation", () => {
  it('read the request headers the adapter sets', () => {
    const request = new Request('http://x/', {
      headers: { 'x-real-ip': '203.0.113.7', 'x-vercel-ip-country': 'DE' },
    });
    expect(ipAddress(request)).toBe('203.0.113.7');
    expect(geolocation(request)).toMatchObject({ country: 'DE', flag: '🇩🇪', region: 'dev1' });
  });
});
