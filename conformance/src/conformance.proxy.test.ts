import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { proxyFixtureGroups } from '../cases/proxy.js';
import { packageRoot } from './lib/paths.js';
import { runTarget } from './lib/matrix.js';
import { runCases, type CaseResult } from './lib/run.js';
import { nextjsTarget } from './lib/targets/nextjs.js';
import { vinextTarget } from './lib/targets/vinext.js';
import type { RunningTarget } from './lib/targets/target.js';

// The proxy cases against real Next.js 16, each group on its own fixture project
// (fixtures-proxy, fixtures-middleware, fixtures-proxy-base): a case that fails here is wrong.
// `next start` on localhost, the name it uses when given none (see NextjsTargetOptions).
const target = nextjsTarget({ hostname: 'localhost' });
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

// vinext (a third-party implementation of the Next.js API, with middleware) is reported, not
// required to pass: this prints what it passes of each project.
const vinext = vinextTarget();
const vinextUnavailable = await vinext.unavailable();
describe.skipIf(vinextUnavailable !== undefined)(
  `the proxy cases against ${vinext.title} (reported only)`,
  () => {
    for (const group of proxyFixtureGroups) {
      it(`${group.fixture}: runs and reports`, async () => {
        const column = await runTarget(vinext, group.cases, {
          fixtures: join(packageRoot(), group.fixture),
        });
        if (column.status !== 'ran') {
          console.warn(`vinext, ${group.fixture}: ${column.status}: ${column.reason ?? ''}`);
          return;
        }
        const results = column.results ?? [];
        const failed = results.filter((r) => r.outcome !== 'pass');
        console.info(
          `vinext, ${group.fixture}: ${results.length - failed.length} of ${results.length} pass` +
            failed.map((r) => `\n  ${r.id}: ${r.error ?? ''}`).join(''),
        );
        expect(results).toHaveLength(group.cases.length);
      });
    }
  },
);
