import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { proxyFixtureGroups } from '../cases/proxy.js';
import { packageRoot } from './lib/paths.js';
import { runCases, type CaseResult } from './lib/run.js';
import { nextjsTarget } from './lib/targets/nextjs.js';
import type { RunningTarget } from './lib/targets/target.js';

// The proxy cases against real Next.js 16, each group on its own fixture project
// (fixtures-proxy, fixtures-middleware, fixtures-proxy-base): a case that fails here is wrong.
const target = nextjsTarget();
const running: RunningTarget[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
});

describe(`the proxy cases against ${target.title}`, () => {
  for (const group of proxyFixtureGroups) {
    it(`${group.fixture}: every case passes`, async () => {
      const unavailable = await target.unavailable();
      if (unavailable) throw new Error(unavailable);
      const server = await target.start(join(packageRoot(), group.fixture));
      running.push(server);
      let results: CaseResult[];
      try {
        results = await runCases(server.url, group.cases, {
          nextjsCompatible: true,
          logs: server.logs,
        });
      } finally {
        await server.stop();
      }
      expect(
        results.filter((r) => r.outcome !== 'pass').map((r) => `${r.id}: ${r.error ?? ''}`),
      ).toEqual([]);
    });
  }
});
