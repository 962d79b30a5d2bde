import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFixtureGroups } from '../cases/config.js';
import { packageRoot } from './lib/paths.js';
import { runCases, type CaseResult } from './lib/run.js';
import { approuteNodeTarget } from './lib/targets/approute-node.js';
import { allTargets, type RunningTarget, type Target } from './lib/targets/index.js';
import { nextjsTarget } from './lib/targets/nextjs.js';

// The next.config cases (fixtures-config: basePath, trailingSlash, env, headers(), redirects(),
// instrumentation.ts) against real Next.js 16, where a failing case is a wrong case, and against
// approute on Node 20 and as the web bundle on Bun, Deno, workerd and edge-runtime: the same
// answers.
const running: RunningTarget[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
});

const targets: Target[] = [
  nextjsTarget(),
  approuteNodeTarget(20),
  ...allTargets().filter((target) => target.group === 'approute' && target.limits !== undefined),
];

for (const target of targets) {
  const unavailable = await target.unavailable();
  describe.skipIf(unavailable !== undefined)(
    `the next.config cases against ${target.title}${unavailable ? ` (unavailable: ${unavailable})` : ''}`,
    () => {
      for (const group of configFixtureGroups) {
        it(`${group.fixture}: every case passes`, { timeout: 300_000 }, async () => {
          const server = await target.start(join(packageRoot(), group.fixture));
          running.push(server);
          let results: CaseResult[];
          try {
            results = await runCases(server.url, group.cases, {
              nextjsCompatible: target.nextjsCompatible,
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
    },
  );
}
