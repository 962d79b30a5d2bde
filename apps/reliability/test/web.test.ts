// The same faults against the web bundle (`approute build --target web`) served by Bun and by
// Deno (the drivers of @approute/runtimes): route bugs are logged and the server keeps serving,
// SIGTERM waits for after() work, a bad Host is 400 and CONNECT 501 before the app runs, a raw
// fragment is cut off before matching, and the buffered readers stop at the body limit while
// a stream is not limited.
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { runtimeUnavailable, startBun, startDeno, type RuntimeServer } from '@approute/runtimes';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_HOSTS, sendRaw } from './raw.js';
import { appDir } from './server.js';

const bundle = `${appDir}.approute/web/index.mjs`;
// A bundle built with serving flags, copied aside before the default one is built.
const flagged = `${appDir}.approute/web-flags.mjs`;
const bin = `${appDir}node_modules/approute/bin/approute.js`;

beforeAll(() => {
  const build = (...flags: string[]) => {
    execFileSync(process.execPath, [bin, 'build', '.', '--target', 'web', ...flags], {
      cwd: appDir,
      stdio: 'ignore',
    });
  };
  build('--body-limit', '64kb', '--grace-period', '500ms');
  copyFileSync(bundle, flagged);
  build();
}, 120_000);

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function untilGone(pid: number, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (groupAlive(pid)) {
    if (performance.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

function chunked(bytes: number): Readable {
  const chunk = Buffer.from('1,'.repeat(32 * 1024));
  let left = bytes;
  return new Readable({
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk.length, left);
      left -= n;
      this.push(chunk.subarray(0, n));
    },
  });
}

const RUNTIMES = [
  { name: 'bun', start: startBun },
  { name: 'deno', start: startDeno },
] as const;

for (const runtime of RUNTIMES) {
  const unavailable = runtimeUnavailable(runtime.name);
  describe.skipIf(unavailable !== undefined)(`web bundle on ${runtime.name}`, () => {
    let server: RuntimeServer;
    let port: number;
    beforeAll(async () => {
      server = await runtime.start(bundle);
      port = Number(new URL(server.url).port);
    }, 60_000);
    afterAll(async () => {
      await server.stop();
    });

    it('route bugs are logged as Next.js logs them and the server keeps serving', async () => {
      for (const bug of [
        'unawaited-rejection',
        'unawaited-fetch',
        'after-rejection',
        'timer-throw',
      ]) {
        const res = await request(`${server.url}/bugs/${bug}`);
        expect(await res.body.text()).toBe('answered');
      }
      const count = (part: string) => server.output().split(part).length - 1;
      await expect.poll(() => count('⨯ unhandledRejection:'), { timeout: 5000 }).toBe(3);
      await expect.poll(() => count('⨯ uncaughtException:'), { timeout: 5000 }).toBe(1);
      await sleep(200);
      const health = await request(`${server.url}/health`);
      expect(await health.body.text()).toBe('ok');
    });

    it.each(BAD_HOSTS)('Host: %s is 400 with nothing logged', async (host) => {
      const before = server.output().length;
      const answer = await sendRaw(
        port,
        `GET /url HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer.status).toBe(400);
      await sleep(50);
      expect(server.output().slice(before)).toBe('');
    });

    it('CONNECT is 501', async () => {
      const answer = await sendRaw(
        port,
        'CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n',
      );
      expect(answer.status).toBe(501);
    });

    it('a raw fragment is cut off before matching and is not part of request.url', async () => {
      const items = await sendRaw(
        port,
        'GET /items/x#frag HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      );
      expect((JSON.parse(items.body.toString()) as { params: unknown }).params).toEqual({
        id: 'x',
      });
      const url = await sendRaw(
        port,
        'GET /url?a=1#frag HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      );
      expect((JSON.parse(url.body.toString()) as { url: string }).url).toMatch(/\/url\?a=1$/);
    });

    it('request.json() over 4 MiB is 413; a 16 MiB stream is echoed whole', async () => {
      const big = await request(`${server.url}/json`, {
        method: 'POST',
        body: chunked(16 * 2 ** 20),
      });
      expect(big.statusCode).toBe(413);
      expect(await big.body.text()).toMatch(/^Payload Too Large: .*4194304 bytes/);
      const echo = await request(`${server.url}/echo`, {
        method: 'POST',
        body: chunked(16 * 2 ** 20),
      });
      let received = 0;
      for await (const chunk of echo.body) received += (chunk as Buffer).length;
      expect(received).toBe(16 * 2 ** 20);
    }, 60_000);
  });

  describe.skipIf(unavailable !== undefined)(`web bundle on ${runtime.name}: SIGTERM`, () => {
    it('waits for after() work still running (2 s) before exiting; a second signal exits at once', async () => {
      const server = await runtime.start(bundle);
      await request(`${server.url}/after-work?ms=2000&id=drained`).then((res) => res.body.text());
      const signalled = performance.now();
      process.kill(-server.pid, 'SIGTERM');
      expect(await untilGone(server.pid, 8000)).toBe(true);
      const ms = performance.now() - signalled;
      expect(server.output()).toContain('after-work done drained');
      expect(ms).toBeGreaterThanOrEqual(1500);

      const again = await runtime.start(bundle);
      await request(`${again.url}/after-work?ms=10000&id=forced`).then((res) => res.body.text());
      process.kill(-again.pid, 'SIGTERM');
      await sleep(300);
      expect(groupAlive(again.pid)).toBe(true);
      process.kill(-again.pid, 'SIGTERM');
      expect(await untilGone(again.pid, 1000)).toBe(true);
      expect(again.output()).not.toContain('after-work done forced');
    }, 60_000);
  });

  describe.skipIf(unavailable !== undefined)(
    `web bundle on ${runtime.name}: --body-limit and --grace-period written in at build`,
    () => {
      it('json() over 64 KiB is 413; SIGTERM cuts after() work at 500 ms', async () => {
        const server = await runtime.start(flagged);
        const big = await request(`${server.url}/json`, {
          method: 'POST',
          body: chunked(128 * 1024),
        });
        expect(big.statusCode).toBe(413);
        expect(await big.body.text()).toMatch(/^Payload Too Large: .*65536 bytes/);
        const small = await request(`${server.url}/json`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '[1]',
        });
        expect(small.statusCode).toBe(200);
        await small.body.text();
        await request(`${server.url}/after-work?ms=10000&id=cut`).then((res) => res.body.text());
        const signalled = performance.now();
        process.kill(-server.pid, 'SIGTERM');
        expect(await untilGone(server.pid, 5000)).toBe(true);
        const ms = performance.now() - signalled;
        expect(ms).toBeGreaterThanOrEqual(400);
        expect(ms).toBeLessThan(4000);
        expect(server.output()).not.toContain('after-work done cut');
      }, 60_000);
    },
  );
}
