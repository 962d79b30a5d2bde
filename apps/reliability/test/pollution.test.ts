// __proto__, constructor and prototype as path segments, param values, cookie names, header
// names and JSON keys: each request gets its own answer and no other request changes.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRaw } from './raw.js';
import { startFixture, type FixtureServer } from './server.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixture();
});
afterAll(async () => {
  await server.stop();
});

const hostile = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

async function baseline() {
  const res = await request(`${server.url}/items/plain`);
  return res.body.json();
}

describe('prototype pollution', () => {
  it.each(hostile)('"%s" as a param value is a plain value', async (word) => {
    const res = await request(`${server.url}/items/${word}`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({
      params: { id: word },
      keys: ['id'],
      prototypeIsClean: true,
    });
  });

  it.each(hostile)('"%s" inside a catch-all is one more array item', async (word) => {
    const res = await request(`${server.url}/files/${word}/x/${word}`);
    expect(await res.body.json()).toEqual({ path: [word, 'x', word] });
  });

  it.each(hostile)('"%s" as a path segment of an unknown route is a 404', async (word) => {
    const res = await request(`${server.url}/${word}`);
    await res.body.dump();
    expect(res.statusCode).toBe(404);
  });

  it('hostile JSON keys and cookie names change nothing for later requests', async () => {
    const before = await baseline();
    const res = await request(`${server.url}/json`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: '__proto__=1; constructor=2; prototype=3; polluted=4',
      },
      body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    });
    const answer = (await res.body.json()) as {
      keys: string[];
      cookies: string[];
      prototypeIsClean: boolean;
    };
    expect(answer.prototypeIsClean).toBe(true);
    expect(answer.keys).toEqual(['__proto__', 'constructor']);
    expect(answer.cookies).toEqual(['__proto__', 'constructor', 'prototype', 'polluted']);
    expect(await baseline()).toEqual(before);
  });

  it('hostile header names are ordinary headers', async () => {
    const answer = await sendRaw(
      server.port,
      'GET /items/a HTTP/1.1\r\nHost: x\r\n__proto__: 1\r\nConstructor: 2\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toEqual({
      params: { id: 'a' },
      keys: ['id'],
      prototypeIsClean: true,
    });
  });
});
