import { readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequestListener } from './listener.js';
import { listen, sleep, type TestServer } from './test-utils.js';

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const echo = async (req: Request): Promise<Response> =>
  Response.json({
    method: req.method,
    url: req.url,
    headers: [...req.headers],
    body: req.body ? await req.text() : null,
  });

describe('request conversion', () => {
  it('builds the URL from the Host header and keeps the query exactly as received', async () => {
    running = await listen(echo);
    const res = await request(`${running.url}/a%20b/c?x=1&y=%41+z&&`, {
      headers: { host: 'example.test:8080' },
    });
    const body = (await res.body.json()) as { url: string };
    expect(body.url).toBe('http://example.test:8080/a%20b/c?x=1&y=%41+z&&');
  });

  it('ignores X-Forwarded-Proto and X-Forwarded-Host unless the proxy is trusted', async () => {
    const headers = {
      host: 'inner:3000',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'public.example, inner',
    };
    running = await listen(echo);
    expect(
      ((await (await request(`${running.url}/p`, { headers })).body.json()) as { url: string }).url,
    ).toBe('http://inner:3000/p');
    await running.close();
    running = await listen(echo, { trustProxy: true });
    expect(
      ((await (await request(`${running.url}/p`, { headers })).body.json()) as { url: string }).url,
    ).toBe('https://public.example/p');
  });

  it("sets X-Real-IP from the socket, dropping a client's own and its X-Vercel-IP-* headers", async () => {
    running = await listen(echo);
    const res = await request(`${running.url}/ip`, {
      headers: { 'X-Real-IP': '203.0.113.9', 'x-vercel-ip-country': 'DE', 'x-other': 'kept' },
    });
    const { headers } = (await res.body.json()) as { headers: [string, string][] };
    expect(headers).toContainEqual(['x-real-ip', '127.0.0.1']);
    expect(headers).toContainEqual(['x-other', 'kept']);
    expect(headers.filter(([name]) => name.startsWith('x-vercel-ip'))).toEqual([]);
  });

  it('believes X-Real-IP (else X-Forwarded-For) and geolocation from a trusted proxy', async () => {
    running = await listen(echo, { trustProxy: true });
    const sent = async (headers: Record<string, string>) =>
      new Map(
        (
          (await (await request(`${running?.url ?? ''}/ip`, { headers })).body.json()) as {
            headers: [string, string][];
          }
        ).headers,
      );
    const real = await sent({ 'x-real-ip': '203.0.113.9', 'x-vercel-ip-country': 'DE' });
    expect(real.get('x-real-ip')).toBe('203.0.113.9');
    expect(real.get('x-vercel-ip-country')).toBe('DE');
    expect((await sent({ 'x-forwarded-for': '198.51.100.4, 10.0.0.1' })).get('x-real-ip')).toBe(
      '198.51.100.4',
    );
    expect((await sent({})).get('x-real-ip')).toBe('127.0.0.1');
  });

  it('takes https from a TLS socket', async () => {
    const dir = new URL('../../test/fixtures/', import.meta.url);
    const server = createServer(
      {
        key: await readFile(new URL('localhost-key.pem', dir)),
        cert: await readFile(new URL('localhost-cert.pem', dir)),
      },
      createRequestListener(echo),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
    try {
      const res = await request(`https://127.0.0.1:${port}/tls?q`, { dispatcher });
      expect(((await res.body.json()) as { url: string }).url).toBe(
        `https://127.0.0.1:${port}/tls?q`,
      );
    } finally {
      await dispatcher.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('passes every header, repeated ones included, and the method', async () => {
    running = await listen(echo);
    const res = await request(`${running.url}/h`, {
      method: 'PATCH',
      headers: ['x-a', '1', 'X-A', '2', 'x-b', 'v'],
      body: '',
    });
    const body = (await res.body.json()) as { method: string; headers: [string, string][] };
    expect(body.method).toBe('PATCH');
    expect(body.headers).toContainEqual(['x-a', '1, 2']);
    expect(body.headers).toContainEqual(['x-b', 'v']);
  });

  it('gives GET and HEAD a null body and others the bytes sent', async () => {
    running = await listen(echo);
    expect(
      ((await (await request(`${running.url}/`)).body.json()) as { body: unknown }).body,
    ).toBeNull();
    const posted = await request(`${running.url}/`, { method: 'POST', body: 'héllo' });
    expect(((await posted.body.json()) as { body: unknown }).body).toBe('héllo');
  });

  it('streams the request body: the handler reads the first chunk before the client sent the rest', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstChunk = '';
    running = await listen(async (req) => {
      const reader = (req.body as ReadableStream<Uint8Array>).getReader();
      firstChunk = new TextDecoder().decode((await reader.read()).value);
      release();
      let rest = '';
      for (let r = await reader.read(); !r.done; r = await reader.read())
        rest += new TextDecoder().decode(r.value);
      return new Response(`${firstChunk}|${rest}`);
    });
    async function* body(): AsyncGenerator<string> {
      yield 'first';
      await held; // the rest is sent only once the handler has seen the first chunk
      yield 'second';
    }
    const res = await request(`${running.url}/`, { method: 'POST', body: Readable.from(body()) });
    expect(await res.body.text()).toBe('first|second');
  });

  it('aborts request.signal with ResponseAborted when the client goes away', async () => {
    let reason: unknown;
    const aborted = new Promise<void>((resolve) => {
      void listen(async (req) => {
        req.signal.addEventListener('abort', () => {
          reason = req.signal.reason;
          resolve();
        });
        await sleep(10_000);
        return new Response('late');
      }).then((server) => (running = server));
    });
    while (!running) await sleep(5);
    const controller = new AbortController();
    const pending = request(`${running.url}/`, { signal: controller.signal }).catch(
      () => undefined,
    );
    await sleep(50);
    controller.abort();
    await pending;
    await aborted;
    expect((reason as Error).name).toBe('ResponseAborted');
  });

  it('gives an aborted request.signal to a handler that first looks after the client went away', async () => {
    let seen: { aborted: boolean; reason: string } | undefined;
    running = await listen(async (req) => {
      await sleep(150);
      seen = {
        aborted: req.signal.aborted,
        reason: (req.signal.reason as Error | undefined)?.name ?? '',
      };
      return new Response('late');
    });
    const controller = new AbortController();
    const pending = request(`${running.url}/`, { signal: controller.signal }).catch(
      () => undefined,
    );
    await sleep(50);
    controller.abort();
    await pending;
    for (let i = 0; i < 100 && !seen; i++) await sleep(5);
    expect(seen).toEqual({ aborted: true, reason: 'ResponseAborted' });
  });

  it('survives a client that breaks the chunked body mid-way, and serves the next request', async () => {
    let bodyError: unknown;
    running = await listen(async (req) => {
      try {
        await req.text();
      } catch (error) {
        bodyError = error;
      }
      return new Response('read');
    });
    const { port } = new URL(running.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZZ\r\n',
        );
      });
      socket.resume(); // the server's 400 must be read for the close to arrive
      socket.on('error', () => undefined);
      socket.on('close', () => {
        resolve();
      });
    });
    for (let i = 0; i < 100 && bodyError === undefined; i++) await sleep(5);
    expect(bodyError).toBeInstanceOf(Error);
    expect(
      await (await request(`${running.url}/`, { method: 'POST', body: 'ok' })).body.text(),
    ).toBe('read');
  });

  it('answers 431 to headers too large and 400 to a malformed request line', async () => {
    running = await listen(echo);
    const { port } = new URL(running.url);
    const exchange = (head: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(head));
        let data = '';
        socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          resolve(data);
        });
      });
    expect(
      await exchange(`GET / HTTP/1.1\r\nHost: h\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    ).toMatch(/^HTTP\/1\.1 431 /);
    expect(await exchange('GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('gives each request the origin of its own Host, whichever came before', async () => {
    running = await listen(echo);
    for (const host of ['a.test', 'b.test:81', 'a.test', 'bad host', 'a.test', '[::1]:9']) {
      const res = await request(`${running.url}/p?q`, { headers: { host } });
      if (host === 'bad host') {
        expect(res.statusCode).toBe(400);
        await res.body.dump();
        continue;
      }
      expect(((await res.body.json()) as { url: string }).url).toBe(`http://${host}/p?q`);
    }
  });

  it('answers 400 to a Host header that makes no URL', async () => {
    running = await listen(echo);
    const res = await request(`${running.url}/`, { headers: { host: 'bad host' } });
    expect(res.statusCode).toBe(400);
    await res.body.dump();
  });
});
