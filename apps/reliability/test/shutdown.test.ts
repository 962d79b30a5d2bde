// SIGTERM while 50 requests are in flight: all 50 complete, new connections are refused, and
// the process exits with code 0.
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
});
