import { connect } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from '@approute/request';
import { serve, type RunningServer } from './serve.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Writes raw bytes and collects the whole answer until the server closes. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => {
      resolve(answer);
    });
    socket.on('error', reject);
    socket.write(text);
  });
}

async function echoServer(bodyLimit: number) {
  let calls = 0;
  running = await serve({
    port: 0,
    handleSignals: false,
    bodyLimit,
    fetch: async (req) => {
      calls += 1;
      try {
        return new Response(await req.text());
      } catch (error) {
        return new Response(`read failed: ${(error as Error).name}`, { status: 400 });
      }
    },
  });
  return { port: Number(new URL(running.url).port), calls: () => calls };
}

describe('bodyLimit (the readers that buffer the whole body)', () => {
  it('answers 413 to a declared length over the limit without reading the body', async () => {
    const server = await echoServer(1000);
    const answer = await raw(
      server.port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(answer).toContain('limited to 1000 bytes');
    expect(answer).not.toContain('read failed');
  });

  it('answers 413 when a chunked body grows past the limit, and drops the handler answer', async () => {
    const server = await echoServer(1000);
    const chunk = 'x'.repeat(600);
    const answer = await raw(
      server.port,
      `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n258\r\n${chunk}\r\n258\r\n${chunk}\r\n0\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).not.toContain('read failed');
    expect(server.calls()).toBe(1);
  });

  it('passes a body at the limit through', async () => {
    await echoServer(1000);
    const res = await request(running?.url ?? '', { method: 'POST', body: 'y'.repeat(1000) });
    expect(res.statusCode).toBe(200);
    expect((await res.body.text()).length).toBe(1000);
  });

  it('does not limit request.body read as a stream', async () => {
    running = await serve({
      port: 0,
      handleSignals: false,
      bodyLimit: 1000,
      fetch: async (req) => {
        let size = 0;
        for await (const chunk of req.body ?? []) size += (chunk as Uint8Array).byteLength;
        return new Response(String(size));
      },
    });
    const res = await request(running.url, { method: 'POST', body: 'z'.repeat(100_000) });
    expect(await res.body.text()).toBe('100000');
  });

  it('is DEFAULT_BODY_LIMIT (4 MiB) when not given, and Infinity turns it off', async () => {
    expect(DEFAULT_BODY_LIMIT).toBe(4 * 1024 * 1024);
    const body = 'a'.repeat(DEFAULT_BODY_LIMIT + 1);
    running = await serve({
      port: 0,
      handleSignals: false,
      fetch: async (req) => new Response(await req.text()),
    });
    const limited = await request(running.url, { method: 'POST', body });
    expect(limited.statusCode).toBe(413);
    await limited.body.dump();
    await running.close();
    running = await serve({
      port: 0,
      handleSignals: false,
      bodyLimit: Infinity,
      fetch: async (req) => new Response(String((await req.text()).length)),
    });
    const open = await request(running.url, { method: 'POST', body });
    expect(await open.body.text()).toBe(String(DEFAULT_BODY_LIMIT + 1));
  });
});

describe('CONNECT', () => {
  it('is answered 501 instead of a dropped connection', async () => {
    running = await serve({ port: 0, handleSignals: false, fetch: () => new Response('never') });
    const answer = await raw(
      Number(new URL(running.url).port),
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 501 Not Implemented\r\n/);
  });
});
