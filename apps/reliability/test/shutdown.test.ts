// SIGTERM while 50 requests are in flight: all 50 complete, new connections are refused, and
// the process exits with code 0. after() work still running is waited for within the grace
// period (`--grace-period`), and a second signal exits at once.
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { record } from './figures.js';
import { startFixture } from './server.js';

describe('graceful shutdown', () => {
  it('finishes 50 in-flight requests, refuses new ones, exits 0', async () => {
    const server = await startFixture();
    const agent = new Agent({ connections: 60 });
    const inFlight = Array.from({ length: 50 }, (_, i) =>
      request(`${server.url}/slow?ms=1500&i=${String(i)}`, { dispatcher: agent }).then(
        async (res) => ({
          status: res.statusCode,
          body: (await res.body.json()) as { waited: number },
        }),
      ),
    );
    await sleep(300);
    const exit = server.stop('SIGTERM');
    await sleep(200);
    const late = await request(`${server.url}/health`, { dispatcher: new Agent() }).then(
      (res) => `answered ${String(res.statusCode)}`,
      (error: unknown) => (error as { code?: string }).code ?? String(error),
    );
    const answers = await Promise.all(inFlight);
    const code = await exit;
    await agent.close();
    record('shutdown', {
      inFlight: 50,
      completed: answers.filter((a) => a.status === 200).length,
      late,
      exitCode: code,
    });
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 50 }, () => 200));
    expect(late).toBe('ECONNREFUSED');
    expect(code).toBe(0);
  }, 60_000);

  it('waits for after() work still running (2 s) before exiting 0', async () => {
    const server = await startFixture();
    const answers = await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        request(`${server.url}/after-work?ms=2000&id=${id}`).then((res) => res.body.json()),
      ),
    );
    expect(answers).toHaveLength(3);
    const signalled = performance.now();
    const code = await server.stop('SIGTERM');
    const ms = Math.round(performance.now() - signalled);
    const done = ['a', 'b', 'c'].filter((id) => server.output().includes(`after-work done ${id}`));
    record('shutdown-after', { afterTasks: 3, completed: done.length, exitCode: code, ms });
    expect(done).toEqual(['a', 'b', 'c']);
    expect(code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(1500);
  }, 60_000);

  it('gives up on after() work at the end of the grace period, and still exits 0', async () => {
    const server = await startFixture(['--grace-period', '500ms']);
    await request(`${server.url}/after-work?ms=10000&id=long`).then((res) => res.body.dump());
    const signalled = performance.now();
    const code = await server.stop('SIGTERM');
    const ms = performance.now() - signalled;
    expect(code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(400);
    expect(ms).toBeLessThan(3000);
    expect(server.output()).not.toContain('after-work done long');
    expect(server.output()).toMatch(/grace period/);
  }, 60_000);

  it('a second signal exits at once', async () => {
    const server = await startFixture();
    await request(`${server.url}/after-work?ms=10000&id=second`).then((res) => res.body.dump());
    const exited = new Promise<number | null>((resolve) => {
      server.child.once('exit', (code) => {
        resolve(code);
      });
    });
    const pid = server.child.pid ?? 0;
    process.kill(-pid, 'SIGTERM');
    await sleep(500);
    expect(server.child.exitCode).toBeNull();
    const second = performance.now();
    process.kill(-pid, 'SIGTERM');
    const code = await exited;
    expect(performance.now() - second).toBeLessThan(1000);
    expect(code).not.toBe(0);
    expect(server.output()).not.toContain('after-work done second');
  }, 60_000);
});
