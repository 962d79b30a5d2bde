import { createRouter } from '@approute/router';
import { describe, expect, it } from 'vitest';
import { createFetchHandler } from './fetch-handler.js';

describe('createFetchHandler', () => {
  it('answers a fetch Request through the router', async () => {
    const app = createFetchHandler(
      createRouter([{ pathname: '/hello', load: () => Promise.resolve({ GET: () => new Response('hi') }) }]),
    );
    const response = await app.fetch(new Request('http://localhost/hello'));
    expect(await response.text()).toBe('hi');
    expect((await app.fetch(new Request('http://localhost/other'))).status).toBe(404);
  });
});
