// Clients that go away or read slowly: aborts reach the handler, streams are cancelled,
// backpressure keeps memory flat, and nothing is left behind after many aborted requests.
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from './figures.js';
import { diagnostics, startFixture, type FixtureServer } from './server.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixture();
});
afterAll(async () => {
  await server.stop();
});

/** Opens a GET, waits for `bytes` of the answer, then destroys the socket. */
function readThenDrop(path: string, bytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: server.port, host: '127.0.0.1' });
    let got = 0;
    socket.on('data', (chunk: Buffer) => {
      got += chunk.length;
      if (got >= bytes) {
        socket.destroy();
        resolve();
      }
    });
    socket.on('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}

describe('client faults', () => {
  it('a client that disconnects mid-response aborts request.signal and cancels the stream', async () => {
    const before = await diagnostics(server);
    await readThenDrop('/stream', 200);
    await expect
      .poll(async () => {
        const now = await diagnostics(server);
        return [now.aborted - before.aborted, now.cancelled - before.cancelled];
      })
      .toEqual([1, 1]);
  });

  it('a client that reads slowly gets backpressure: server memory stays flat', async () => {
    await fetch(`${server.url}/diagnostics`, { method: 'POST' });
    const base = (await diagnostics(server)).peakRss;
    const socket = connect({ port: server.port, host: '127.0.0.1' });
    socket.write(
      'GET /download?size=536870912 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    );
    let got = 0;
    socket.on('data', (chunk: Buffer) => {
      got += chunk.length;
      socket.pause();
      setTimeout(() => socket.resume(), 50);
    });
    await sleep(3000);
    socket.destroy();
    const peak = (await diagnostics(server)).peakRss;
    const growth = (peak - base) / 2 ** 20;
    record('slow-reader', { readMiB: got / 2 ** 20, peakGrowthMiB: Math.round(growth * 10) / 10 });
    expect(got).toBeLessThan(64 * 2 ** 20);
    expect(growth).toBeLessThan(64);
  });

  it('after 1,000 aborted requests no sockets, timers or listeners are left', async () => {
    await sleep(200);
    const before = await diagnostics(server);
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(Array.from({ length: 50 }, () => readThenDrop('/stream', 1)));
    }
    let after = await diagnostics(server);
    for (
      let i = 0;
      i < 50 && JSON.stringify(after.resources) !== JSON.stringify(before.resources);
      i++
    ) {
      await sleep(100);
      after = await diagnostics(server);
    }
    record('aborted-requests', {
      aborted: 1000,
      resourcesBefore: before.resources,
      resourcesAfter: after.resources,
    });
    expect(after.resources).toEqual(before.resources);
    expect(after.cancelled - before.cancelled).toBe(1000);
    expect(server.output()).not.toMatch(/MaxListenersExceeded|Unhandled|ERR_/);
  }, 120_000);
});
