import { connect } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferedResponse } from '@approute/request/internal';
import { installLightResponse } from './light-response.js';
import { listen, sleep, type TestServer } from './test-utils.js';

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Sends a raw HTTP/1.1 request and returns everything the server sent until it closed. */
function rawExchange(url: string, head: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(head));
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('close', () => {
      resolve(data);
    });
    socket.on('error', reject);
  });
}

describe('response writing', () => {
  it('writes the status, status text and every header', async () => {
    running = await listen(
      () =>
        new Response('x', {
          status: 418,
          statusText: 'Teapot',
          headers: { 'x-one': '1', 'x-two': '2' },
        }),
    );
    const raw = await rawExchange(
      running.url,
      'GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n',
    );
    expect(raw).toMatch(/^HTTP\/1\.1 418 Teapot\r\n/);
    expect(raw).toContain('x-one: 1\r\n');
    expect(raw).toContain('x-two: 2\r\n');
  });

  it('sends each Set-Cookie as its own header field', async () => {
    running = await listen(() => {
      const response = new Response('ok');
      response.headers.append('set-cookie', 'a=1; Path=/');
      response.headers.append('set-cookie', 'b=2; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
      return response;
    });
    const res = await request(running.url);
    await res.body.dump();
    expect(res.headers['set-cookie']).toEqual([
      'a=1; Path=/',
      'b=2; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ]);
  });

  it('gives a body known at once a Content-Length and no chunked framing', async () => {
    running = await listen(() => Response.json({ message: 'Hello World' }));
    const res = await request(running.url);
    expect(res.headers['content-length']).toBe('25');
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(await res.body.text()).toBe('{"message":"Hello World"}');
  });

  it('counts Content-Length in bytes for a string body with multi-byte characters', async () => {
    running = await listen(() => new Response('héllo €'));
    const res = await request(running.url);
    expect(res.headers['content-length']).toBe('10');
    expect(await res.body.text()).toBe('héllo €');
  });

  it('writes byte bodies and the body of a cloned response unchanged', async () => {
    running = await listen((req) => {
      if (new URL(req.url).pathname === '/bytes')
        return new Response(new Uint8Array([0, 1, 2, 255]));
      const response = new Response('original');
      void response.clone().text();
      return response;
    });
    const bytes = await request(`${running.url}/bytes`);
    expect(bytes.headers['content-length']).toBe('4');
    expect([...new Uint8Array(await bytes.body.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    expect(await (await request(`${running.url}/clone`)).body.text()).toBe('original');
  });

  it('writes a cached answer byte for byte with its own fields and length, HEAD without the body', async () => {
    const restore = installLightResponse();
    try {
      const body = Uint8Array.from({ length: 256 }, (_, i) => i);
      const fields = ['content-type', 'application/octet-stream', 'x-a', 'é'];
      const answer = {
        status: 200,
        statusText: '',
        fields,
        sizedFields: [...fields, 'content-length', '256'],
        body,
      };
      running = await listen(() => bufferedResponse(answer));
      // Twice: the second answer writes the text kept from the first.
      for (let round = 0; round < 2; round++) {
        const res = await request(running.url);
        expect(res.headers['content-length']).toBe('256');
        expect(res.headers['content-type']).toBe('application/octet-stream');
        expect(res.headers['x-a']).toBe('é');
        expect([...new Uint8Array(await res.body.arrayBuffer())]).toEqual([...body]);
      }
      const head = await rawExchange(
        running.url,
        'HEAD / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n',
      );
      expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(head).toContain('x-a: ');
      expect(head.endsWith('\r\n\r\n')).toBe(true);
    } finally {
      restore();
    }
  });

  it('streams a body produced over time chunk by chunk, headers first', async () => {
    let produced = 0;
    running = await listen(
      () =>
        new Response(
          new ReadableStream({
            async pull(controller) {
              await sleep(20);
              produced++;
              controller.enqueue(new TextEncoder().encode(`chunk${produced};`));
              if (produced === 3) controller.close();
            },
          }),
        ),
    );
    const res = await request(running.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const seen: string[] = [];
    for await (const chunk of res.body) seen.push(String(chunk));
    expect(seen.join('')).toBe('chunk1;chunk2;chunk3;');
    expect(seen.length).toBeGreaterThan(1);
  });

  it('keeps a Content-Length the handler gave to a streamed body', async () => {
    running = await listen(
      () =>
        new Response(
          new ReadableStream({
            async start(controller) {
              await sleep(10);
              controller.enqueue(new TextEncoder().encode('abc'));
              controller.close();
            },
          }),
          { headers: { 'content-length': '3' } },
        ),
    );
    const res = await request(running.url);
    expect(res.headers['content-length']).toBe('3');
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(await res.body.text()).toBe('abc');
  });

  it('reads from a stream only as fast as the client takes it (backpressure)', async () => {
    const chunk = new Uint8Array(64 * 1024);
    const total = 64 * 1024 * 1024;
    let produced = 0;
    running = await listen(
      () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              produced += chunk.byteLength;
              controller.enqueue(chunk);
              if (produced >= total) controller.close();
            },
          }),
        ),
    );
    const res = await request(running.url, { highWaterMark: 16 * 1024 });
    await sleep(300); // the client reads nothing for a while
    const producedWhilePaused = produced;
    let received = 0;
    for await (const part of res.body) received += (part as Buffer).byteLength;
    expect(received).toBe(total);
    // Socket buffers hold a few megabytes at most; without backpressure all 64 MiB is produced.
    expect(producedWhilePaused).toBeLessThan(16 * 1024 * 1024);
  });

  it('answers HEAD with the headers and no body', async () => {
    running = await listen(
      () => new Response('hello', { headers: { 'content-length': '5', 'x-h': '1' } }),
    );
    const raw = await rawExchange(
      running.url,
      'HEAD / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n',
    );
    expect(raw).toContain('content-length: 5\r\n');
    expect(raw).toContain('x-h: 1\r\n');
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
  });

  it.each([204, 304])('sends no body and no framing headers for %i', async (status) => {
    running = await listen(() => new Response(status === 304 ? null : null, { status }));
    const raw = await rawExchange(
      running.url,
      'GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n',
    );
    expect(raw).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(raw).not.toMatch(/content-length|transfer-encoding/i);
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
  });

  it('answers an empty body with Content-Length: 0', async () => {
    running = await listen(() => new Response(null, { status: 200 }));
    const res = await request(running.url);
    expect(res.headers['content-length']).toBe('0');
    expect(await res.body.text()).toBe('');
  });

  it('answers 500 with an empty body when the handler throws', async () => {
    running = await listen(() => {
      throw new Error('boom');
    });
    const res = await request(running.url);
    expect(res.statusCode).toBe(500);
    expect(await res.body.text()).toBe('');
  });

  it('cuts the connection without the final chunk when the body errors after the headers went out', async () => {
    running = await listen(
      () =>
        new Response(
          new ReadableStream({
            async start(controller) {
              controller.enqueue(new TextEncoder().encode('partial'));
              await sleep(20);
              controller.error(new Error('stream failed'));
            },
          }),
        ),
    );
    const raw = await rawExchange(running.url, 'GET / HTTP/1.1\r\nHost: t\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(raw).toContain('partial');
    expect(raw).not.toContain('\r\n0\r\n\r\n');
    // The server still answers the next request.
    const res = await request(running.url);
    expect(res.statusCode).toBe(200);
    await res.body.dump().catch(() => undefined);
  });

  it('cancels a streaming body when the client goes away', async () => {
    let cancelled: unknown;
    const gone = new Promise<void>((resolve) => {
      void listen(
        () =>
          new Response(
            new ReadableStream({
              pull: () => sleep(20),
              start(controller) {
                controller.enqueue(new TextEncoder().encode('first'));
              },
              cancel(reason) {
                cancelled = reason;
                resolve();
              },
            }),
          ),
      ).then((server) => (running = server));
    });
    while (!running) await sleep(5);
    const controller = new AbortController();
    const res = await request(running.url, { signal: controller.signal });
    expect(res.statusCode).toBe(200);
    controller.abort();
    await res.body.dump().catch(() => undefined);
    await gone;
    expect((cancelled as Error).name).toBe('ResponseAborted');
  });
});
