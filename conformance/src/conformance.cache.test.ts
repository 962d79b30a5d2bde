import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFixtureDir, cacheFixtures } from './lib/cache-fixtures.js';
import { runTarget } from './lib/matrix.js';
import { allTargets } from './lib/targets/index.js';
import { startUpstream, type Upstream } from './lib/upstream.js';

// The data cache cases (fixtures-cache, fixtures-cache-components) against real Next.js 16 and
// every approute target: the Node adapter on each Node version and the web bundle on each fetch
// runtime (the in-memory cache of one process or isolate each). Each server reads a counting
// upstream this file starts. A case that fails on Next.js is a wrong case.
const targets = allTargets().filter((t) => t.group === 'reference' || t.group === 'approute');
let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream.stop();
});

for (const fixture of cacheFixtures) {
  describe(`the ${fixture.name} cases`, () => {
    for (const target of targets) {
      it(`pass on ${target.title}`, async (context) => {
        const unavailable = await target.unavailable();
        if (unavailable) {
          context.skip(`unavailable: ${unavailable}`);
          return;
        }
        const column = await runTarget(target, fixture.cases, {
          fixtures: cacheFixtureDir(fixture),
          start: {
            env: { CACHE_UPSTREAM: upstream.origin },
            approuteBuildArgs: fixture.approuteBuildArgs,
          },
        });
        expect(column.reason).toBeUndefined();
        const failed = (column.results ?? []).filter(
          (r) => r.outcome !== 'pass' && !(r.outcome === 'divergence' && target.nextjsCompatible),
        );
        expect(failed.map((r) => `${r.id}: ${r.error ?? ''}`)).toEqual([]);
      }, 600_000);
    }
  });
}
