// Route bugs that escape the handler (an unawaited rejection, a forgotten `await` on a failing
// fetch, a rejection inside after(), a throwing timer callback) never stop the server: each
// is logged once, in Next.js's `⨯ unhandledRejection:` / `⨯ uncaughtException:` words with
// the route file named, and the server keeps answering. `--crash-on-error` exits instead.
import { once } from 'node:events';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from './figures.js';
import { startFixture, type FixtureServer } from './server.js';

const BUGS = [
  { path: '/bugs/unawaited-rejection', kind: 'unhandledRejection' },
  { path: '/bugs/unawaited-fetch', kind: 'unhandledRejection' },
  { path: '/bugs/after-rejection', kind: 'unhandledRejection' },
  { path: '/bugs/timer-throw', kind: 'uncaughtException' },
] as const;

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixture();
});
afterAll(async () => {
  await server.stop();
});

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('a route bug never takes the server down', () => {
  for (const bug of BUGS) {
    it(`${bug.path}: logged once as ${bug.kind}, naming the route file; the server keeps serving`, async () => {
      const res = await request(`${server.url}${bug.path}`);
      expect(res.statusCode).toBe(200);
      expect(await res.body.text()).toBe('answered');
      const file = `app${bug.path}/route.ts`;
      await expect
        .poll(() => count(server.output(), `⨯ ${bug.kind}: `), { timeout: 5000 })
        .toBe(BUGS.slice(0, BUGS.indexOf(bug) + 1).filter((b) => b.kind === bug.kind).length);
      expect(count(server.output(), `'${file}'`)).toBe(1);
      const health = await request(`${server.url}/health`);
      expect(await health.body.text()).toBe('ok');
      expect(server.child.exitCode).toBeNull();
    });
  }

  it('keeps serving after 200 bugs in a row, with requests in flight', async () => {
    const slow = request(`${server.url}/slow?ms=1500`).then((r) => r.body.json());
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        request(`${server.url}${BUGS[i % BUGS.length]?.path ?? '/health'}`).then(
          (r) => r.statusCode,
        ),
      ),
    );
    expect(answers.every((status) => status === 200)).toBe(true);
    expect(await slow).toEqual({ waited: 1500 });
    expect(server.child.exitCode).toBeNull();
    record('route-bugs', {
      bugs: 204,
      served: answers.length + 1,
      exitCode: server.child.exitCode,
    });
  });
});

describe('--crash-on-error', () => {
  it('logs the bug with its route file, then exits with code 1 (for a supervisor to restart)', async () => {
    const crashing = await startFixture(['--crash-on-error']);
    const exited = once(crashing.child, 'exit') as Promise<[number | null]>;
    await request(`${crashing.url}/bugs/unawaited-rejection`).then((r) => r.body.dump());
    const [code] = await exited;
    expect(code).toBe(1);
    expect(crashing.output()).toContain('⨯ unhandledRejection: ');
    expect(crashing.output()).toContain("'app/bugs/unawaited-rejection/route.ts'");
  });
});
