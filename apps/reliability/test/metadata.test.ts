// Malformed request metadata gets its answer up front and never reaches a handler as a time
// bomb: a Host the URL parser rejects is 400 before the app runs (no 500, no logged stack),
// CONNECT (an authority-form target) is 501, and a raw `#fragment` in the target is cut off
// before matching.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from './figures.js';
import { BAD_HOSTS, sendRaw } from './raw.js';
import { startFixture, type FixtureServer } from './server.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixture();
});
afterAll(async () => {
  await server.stop();
});

function get(target: string, host = '127.0.0.1'): string {
  return `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
}

describe('Host', () => {
  it.each(BAD_HOSTS)(
    'Host: %s is 400 before the handler runs, with nothing logged',
    async (host) => {
      const before = server.output().length;
      const answer = await sendRaw(server.port, get('/url', host));
      expect(answer.status).toBe(400);
      expect(answer.body.length).toBeLessThan(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.output().slice(before)).toBe('');
    },
  );

  it('1,000 requests with bad Host values: 1,000 × 400, the log stays empty', async () => {
    const before = server.output().length;
    const statuses = new Map<number | undefined, number>();
    for (let i = 0; i < 1000; i++) {
      const host = BAD_HOSTS[i % BAD_HOSTS.length] ?? '';
      const { status } = await sendRaw(server.port, get('/url', host));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    const logged = server.output().length - before;
    record('bad-host', { requests: 1000, statuses: Object.fromEntries(statuses), logged });
    expect(statuses.get(400)).toBe(1000);
    expect(logged).toBe(0);
  });

  it('a Host the parser accepts is the origin of request.url, normalised as the parser does', async () => {
    const answer = await sendRaw(server.port, get('/url', 'EXAMPLE.com:80'));
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body.toString()) as { url: string; host: string };
    expect(body.url).toBe('http://example.com/url');
    expect(body.host).toBe('example.com');
  });
});

describe('CONNECT', () => {
  it('an authority-form target is answered 501', async () => {
    const answer = await sendRaw(
      server.port,
      'CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(501);
  });
});

describe('fragments', () => {
  it('GET /items/x#frag matches /items/[id] with id "x", as nextUrl says', async () => {
    const answer = await sendRaw(server.port, get('/items/x#frag'));
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body.toString()) as { params: unknown }).params).toEqual({ id: 'x' });
  });

  it('GET /health#frag answers the route, not 404', async () => {
    const answer = await sendRaw(server.port, get('/health#frag'));
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe('ok');
  });

  it('the fragment is not part of request.url; the query before it is kept', async () => {
    const answer = await sendRaw(server.port, get('/url?a=1#frag'));
    const body = JSON.parse(answer.body.toString()) as { url: string; search: string };
    expect(body.url).toBe('http://127.0.0.1/url?a=1');
    expect(body.search).toBe('?a=1');
  });
});
