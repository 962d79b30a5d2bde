import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from './serve.js';

let running: RunningServer;

beforeAll(async () => {
  running = await serve({
    port: 0,
    handler: async (req) => {
      const body = req.body ? await req.text() : null;
      const response = Response.json({ method: req.method, url: req.url, body });
      response.headers.append('set-cookie', 'a=1; Path=/');
      response.headers.append('set-cookie', 'b=2; Path=/');
      return response;
    },
  });
});
afterAll(() => running.close());

describe('serve', () => {
  it('hands the handler a Request built from the socket and writes its Response', async () => {
    const res = await request(`${running.url}/x?y=1`, { method: 'POST', body: 'hi' });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ method: 'POST', url: `${running.url}/x?y=1`, body: 'hi' });
  });

  it('sends each Set-Cookie as its own header field', async () => {
    const res = await request(`${running.url}/`);
    await res.body.dump();
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });
});
