// Memory is bounded by default without breaking streaming: the readers that buffer the whole
// body (json, text, formData, arrayBuffer, blob, bytes) stop at the body limit (4 MiB unless
// `--body-limit` says otherwise) and the request is answered 413 with a clear body; a handler
// that streams `request.body` is not limited. RELIABILITY_MIB sets the large body's size.
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from './figures.js';
import { sendRaw } from './raw.js';
import { diagnostics, startFixture, type FixtureServer } from './server.js';

const mib = Number(process.env.RELIABILITY_MIB ?? 1024);
const size = mib * 2 ** 20;
const READERS = ['json', 'text', 'formData', 'arrayBuffer', 'blob', 'bytes'];
let server: FixtureServer;
let limited: FixtureServer;

beforeAll(async () => {
  [server, limited] = await Promise.all([startFixture(), startFixture(['--body-limit', '64kb'])]);
});
afterAll(async () => {
  await Promise.all([server.stop(), limited.stop()]);
});

/** A body of `bytes` bytes of JSON-ish text (`[1,1,1,…`), produced as it is read. */
function upload(bytes: number): Readable {
  const chunk = Buffer.from('1,'.repeat(32 * 1024));
  let left = bytes;
  let first = true;
  return new Readable({
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk.length, left);
      left -= n;
      const part = n === chunk.length ? chunk : chunk.subarray(0, n);
      this.push(first ? Buffer.concat([Buffer.from('['), part.subarray(1)]) : part);
      first = false;
    },
  });
}

async function resetPeak(target: FixtureServer): Promise<number> {
  await request(`${target.url}/diagnostics`, { method: 'POST' }).then((r) => r.body.dump());
  return (await diagnostics(target)).peakRss;
}

describe('buffered readers are limited by default', () => {
  it(`request.json() on a ${String(mib)} MiB body: 413 with a clear body, flat memory`, async () => {
    const base = await resetPeak(server);
    const started = performance.now();
    const res = await request(`${server.url}/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: upload(size),
    }).catch((error: unknown) => ({ error }));
    const ms = Math.round(performance.now() - started);
    const growth = ((await diagnostics(server)).peakRss - base) / 2 ** 20;
    const status = 'statusCode' in res ? res.statusCode : String(res.error);
    const text = 'statusCode' in res ? await res.body.text() : '';
    record('json-large-body', { mib, status, ms, peakGrowthMiB: Math.round(growth * 10) / 10 });
    expect(status).toBe(413);
    expect(text).toMatch(/^Payload Too Large: .*4194304 bytes/);
    expect(growth).toBeLessThan(64);
  }, 300_000);

  it.each(READERS)('%s() over the limit (chunked, no length): 413', async (reader) => {
    const res = await request(`${server.url}/buffered/${reader}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: upload(5 * 2 ** 20),
    });
    expect(res.statusCode).toBe(413);
    expect(await res.body.text()).toMatch(/^Payload Too Large/);
  });

  it('a declared Content-Length over the limit: 413 without reading the body', async () => {
    const answer = await sendRaw(
      limited.port,
      'POST /json-strict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000000000\r\n\r\n',
    );
    expect(answer.status).toBe(413);
    expect(answer.body.toString()).toMatch(/65536 bytes/);
  });

  it('a handler that lets the rejection propagate gets 413 too, and nothing is logged', async () => {
    const before = limited.output().length;
    const res = await request(`${limited.url}/json-strict`, {
      method: 'POST',
      body: upload(2 ** 20),
    });
    expect(res.statusCode).toBe(413);
    await res.body.dump();
    expect(limited.output().slice(before)).not.toMatch(/PayloadTooLarge|Error/);
  });

  it.each(READERS)('%s() under the limit reads the body', async (reader) => {
    const res = await request(`${limited.url}/buffered/${reader}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '[1,2,3]',
    });
    expect(res.statusCode).toBe(200);
    expect(((await res.body.json()) as { size: number }).size).toBeGreaterThan(0);
  });

  it('a streaming handler (request.body) is not limited: 64 MiB echoed with a 64 KiB limit', async () => {
    const res = await request(`${limited.url}/echo`, {
      method: 'POST',
      body: upload(64 * 2 ** 20),
    });
    let received = 0;
    for await (const chunk of res.body) received += (chunk as Buffer).length;
    expect(res.statusCode).toBe(200);
    expect(received).toBe(64 * 2 ** 20);
  }, 120_000);
});
