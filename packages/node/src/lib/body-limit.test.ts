import { connect } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('bodyLimit', () => {
  it('answers 413 to a declared length over the limit without calling the handler', async () => {
    const server = await echoServer(1000);
    const answer = await raw(
      server.port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain('over the limit of 1000 bytes');
    expect(server.calls()).toBe(0);
  });

  it('answers 413 when a chunked body grows past the limit, and drops the handler answer', async () => {
    const server = await echoServer(1000);
    const chunk = 'x'.repeat(600);
    const answer = await raw(
      server.port,
      `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n${chunk}\r\n258\r\n${chunk}\r\n0\r\n\r\n`,
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
