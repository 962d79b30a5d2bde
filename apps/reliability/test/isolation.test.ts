// 10,000 requests, 200 at a time, each with its own cookie and header, each handler awaiting
// random delays between reads of cookies() and headers(): no answer may carry another's data.
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from './figures.js';
import { startFixture, type FixtureServer } from './server.js';

const total = Number(process.env.RELIABILITY_ISOLATION ?? 10_000);
const concurrency = 200;
let server: FixtureServer;
let agent: Agent;

beforeAll(async () => {
  server = await startFixture();
  agent = new Agent({ connections: concurrency });
});
afterAll(async () => {
  await agent.close();
  await server.stop();
});

describe('request scope isolation under load', () => {
  it(`${String(total)} requests, ${String(concurrency)} concurrent: zero cross-talk`, async () => {
    let next = 0;
    const wrong: string[] = [];
    async function worker() {
      while (next < total) {
        const i = next++;
        const res = await request(`${server.url}/scoped/${String(i)}`, {
          dispatcher: agent,
          headers: { cookie: `user=u${String(i)}`, 'x-user': `h${String(i)}` },
        });
        const body = (await res.body.json()) as { id: string; user: string; header: string };
        const setCookie = String(res.headers['set-cookie']);
        if (
          body.id !== String(i) ||
          body.user !== `u${String(i)}` ||
          body.header !== `h${String(i)}` ||
          !setCookie.startsWith(`seen=u${String(i)};`)
        ) {
          wrong.push(`${String(i)}: ${JSON.stringify(body)} ${setCookie}`);
        }
      }
    }
    const started = Date.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    record('isolation', {
      requests: total,
      concurrency,
      crossTalk: wrong.length,
      ms: Date.now() - started,
    });
    expect(wrong).toEqual([]);
  }, 300_000);
});
