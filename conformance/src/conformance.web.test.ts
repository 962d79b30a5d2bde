import { describe, expect, it } from 'vitest';
import { allCases } from './lib/all-cases.js';
import { loadKnownFailures, runTarget } from './lib/matrix.js';
import { fixturesDir } from './lib/paths.js';
import { allTargets } from './lib/targets/index.js';

// The approute Web adapter on Bun, Deno, workerd and edge-runtime: every case passes except
// those the runtime itself cannot pass (the target's limits, each with its reason) and the
// known failures shared with the Node targets.
const known = loadKnownFailures();
const webTargets = allTargets().filter((t) => t.group === 'approute' && t.limits !== undefined);

describe('the web targets', () => {
  it('are the four fetch runtimes, and every limit names a case that exists', () => {
    expect(webTargets.map((t) => t.name)).toEqual([
      'approute-bun',
      'approute-deno',
      'approute-workerd',
      'approute-edge-runtime',
    ]);
    const ids = new Set(allCases.map((c) => c.id));
    for (const target of webTargets)
      expect(Object.keys(target.limits ?? {}).filter((id) => !ids.has(id))).toEqual([]);
  });
});

for (const target of webTargets) {
  const unavailable = await target.unavailable();
  describe.skipIf(unavailable !== undefined)(
    `the suite against ${target.title}${unavailable ? ` (unavailable: ${unavailable})` : ''}`,
    () => {
      it('passes every case except the runtime limits and known failures', async () => {
        const column = await runTarget(target, allCases, { fixtures: fixturesDir() });
        expect(column.reason).toBeUndefined();
        const failed = (column.results ?? []).filter((r) => r.outcome !== 'pass');
        const unexpected = failed.filter(
          (r) => target.limits?.[r.id] === undefined && known[r.id] === undefined,
        );
        expect(unexpected.map((r) => `${r.id}: ${r.error ?? ''}`)).toEqual([]);
        const passing = Object.keys(target.limits ?? {}).filter(
          (id) => !failed.some((r) => r.id === id),
        );
        if (passing.length > 0)
          console.warn(
            `${target.name}: these runtime limits no longer apply:\n  ${passing.join('\n  ')}`,
          );
      }, 300_000);
    },
  );
}
