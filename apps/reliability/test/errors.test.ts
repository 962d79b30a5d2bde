// Production errors and malformed input: the right status, a short clear body, and nothing of
// a thrown error (message or stack) reaches the client.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerOf, sendRaw } from './raw.js';
import { startFixture, type FixtureServer } from './server.js';

let server: FixtureServer;
let limited: FixtureServer;
beforeAll(async () => {
  [server, limited] = await Promise.all([startFixture(), startFixture(['--body-limit', '65536'])]);
});
afterAll(async () => {
  await Promise.all([server.stop(), limited.stop()]);
});

describe('production errors', () => {
  it('a thrown error answers 500 with an empty body; the message is only in the log', async () => {
    const answer = await sendRaw(
      server.port,
      'GET /throw HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(500);
    expect(answer.body.length).toBe(0);
    // The status line says "Internal Server Error"; nothing else may carry the message or a stack.
    expect(answer.head.split('\r\n').slice(1).join('\n')).not.toMatch(/secret|Error:|\bat /);
    expect(answer.head).not.toContain('secret');
    await expect.poll(() => server.output()).toContain('secret-database-password-in-message');
  });
});

describe('malformed input gets the right status and a short body', () => {
  it('malformed percent-encoding in a param: 400', async () => {
    const answer = await sendRaw(
      server.port,
      'GET /items/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(400);
    expect(answer.body.length).toBeLessThan(200);
  });

  it('an unknown method token: 501', async () => {
    const res = await request(`${server.url}/health`, { method: 'PROPFIND' });
    await res.body.dump();
    expect(res.statusCode).toBe(501);
  });

  it('oversized headers: 431', async () => {
    const answer = await sendRaw(
      server.port,
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
  });

  it('a declared body over the limit: 413 before reading it', async () => {
    const answer = await sendRaw(
      limited.port,
      'POST /json HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(413);
    expect(headerOf(answer.head, 'connection')).toBe('close');
  });

  it('a chunked body that grows over the limit: 413', async () => {
    const chunk = 'x'.repeat(16_384);
    const chunks = Array.from({ length: 8 }, () => `4000\r\n${chunk}\r\n`).join('');
    const answer = await sendRaw(
      limited.port,
      `POST /json HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${chunks}0\r\n\r\n`,
    );
    expect(answer.status).toBe(413);
  });

  it('a body under the limit passes', async () => {
    const res = await request(`${limited.url}/echo`, { method: 'POST', body: 'small' });
    expect(await res.body.text()).toBe('small');
  });
});
