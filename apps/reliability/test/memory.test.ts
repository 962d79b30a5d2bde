// A 1 GiB upload echoed back as a stream and a 1 GiB streamed download: the server's peak RSS
// grows by less than 64 MiB. RELIABILITY_MIB sets the size (default 1024).
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from './figures.js';
import { diagnostics, startFixture, type FixtureServer } from './server.js';

const mib = Number(process.env.RELIABILITY_MIB ?? 1024);
const size = mib * 2 ** 20;
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixture();
});
afterAll(async () => {
  await server.stop();
});

async function resetPeak(): Promise<number> {
  await request(`${server.url}/diagnostics`, { method: 'POST' }).then((r) => r.body.dump());
  return (await diagnostics(server)).peakRss;
}

function upload(bytes: number): Readable {
  const chunk = Buffer.alloc(64 * 1024, 98);
  let left = bytes;
  return new Readable({
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk.length, left);
      left -= n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

describe(`streaming ${String(mib)} MiB through the server`, () => {
  it('echoes an upload as a stream with flat memory', async () => {
    const base = await resetPeak();
    const res = await request(`${server.url}/echo`, { method: 'POST', body: upload(size) });
    let received = 0;
    for await (const chunk of res.body) received += (chunk as Buffer).length;
    const growth = ((await diagnostics(server)).peakRss - base) / 2 ** 20;
    record('upload-echo', {
      mib,
      receivedMiB: received / 2 ** 20,
      peakGrowthMiB: Math.round(growth * 10) / 10,
    });
    expect(received).toBe(size);
    expect(growth).toBeLessThan(64);
  }, 300_000);

  it('streams a download with flat memory', async () => {
    const base = await resetPeak();
    const res = await request(`${server.url}/download?size=${String(size)}`);
    expect(res.headers['content-length']).toBe(String(size));
    let received = 0;
    for await (const chunk of res.body) received += (chunk as Buffer).length;
    const growth = ((await diagnostics(server)).peakRss - base) / 2 ** 20;
    record('download', {
      mib,
      receivedMiB: received / 2 ** 20,
      peakGrowthMiB: Math.round(growth * 10) / 10,
    });
    expect(received).toBe(size);
    expect(growth).toBeLessThan(64);
  }, 300_000);
});
