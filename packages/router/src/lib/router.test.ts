import { describe, expect, it } from 'vitest';
import { createRouter } from './router.js';

const handle = createRouter([
  { pathname: '/hello', load: () => Promise.resolve({ GET: () => Response.json({ message: 'Hello World' }) }) },
]);

describe('createRouter', () => {
  it('dispatches GET to the route module export', async () => {
    const response = await handle(new Request('http://localhost/hello'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ message: 'Hello World' });
  });

  it('answers 404 for a path no route serves', async () => {
    expect((await handle(new Request('http://localhost/nope'))).status).toBe(404);
  });

  it('answers 405 for a method the route does not export', async () => {
    expect((await handle(new Request('http://localhost/hello', { method: 'POST' }))).status).toBe(405);
  });
});
