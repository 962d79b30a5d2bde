import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proxyFixtureGroups } from '../cases/proxy.js';
import { runTarget } from './lib/matrix.js';
import { packageRoot } from './lib/paths.js';
import { allTargets } from './lib/targets/index.js';

// The proxy cases against every approute target: the Node adapter under Node 20, 22 and 24
// (`approute start`) and the web bundle on Bun, Deno, workerd and edge-runtime, each fixture
// project served on its own. A case may fail only where runtime-limits.json says the runtime
// cannot pass it, with the reason.
const targets = allTargets().filter((t) => t.group === 'approute');

for (const target of targets) {
  const unavailable = await target.unavailable();
  describe.skipIf(unavailable !== undefined)(
    `the proxy cases against ${target.title}${unavailable ? ` (unavailable: ${unavailable})` : ''}`,
    () => {
      for (const group of proxyFixtureGroups) {
        it(`${group.fixture}: every case passes except the runtime limits`, async () => {
          const column = await runTarget(target, group.cases, {
            fixtures: join(packageRoot(), group.fixture),
            ...(group.config ? { start: group.config } : {}),
          });
          expect(column.reason).toBeUndefined();
          const failed = (column.results ?? []).filter((r) => r.outcome !== 'pass');
          expect(
            failed
              .filter((r) => target.limits?.[r.id] === undefined)
              .map((r) => `${r.id}: ${r.error ?? ''}`),
          ).toEqual([]);
          const ids = new Set(group.cases.map((c) => c.id));
          const passing = Object.keys(target.limits ?? {}).filter(
            (id) => ids.has(id) && !failed.some((r) => r.id === id),
          );
          if (passing.length > 0)
            console.warn(
              `${target.name}: these runtime limits no longer apply:\n  ${passing.join('\n  ')}`,
            );
        });
      }
    },
  );
}
