import { describe, expect, it } from 'vitest';
import { allCases } from './lib/all-cases.js';
import { loadKnownFailures, runTarget } from './lib/matrix.js';
import { fixturesDir } from './lib/paths.js';
import { approuteNodeTarget } from './lib/targets/approute-node.js';

// Every case passes on the approute Node adapter under Node 20, 22, 24 and 26, except those in
// known-failures.json (case id → reason), which the maintainers keep in step with the code.
const known = loadKnownFailures();

describe('known-failures.json', () => {
  it('names only cases that exist, each with a reason', () => {
    const ids = new Set(allCases.map((c) => c.id));
    expect(Object.keys(known).filter((id) => !ids.has(id))).toEqual([]);
    expect(Object.entries(known).filter(([, reason]) => reason.trim() === '')).toEqual([]);
  });
});

for (const major of [20, 22, 24, 26] as const) {
  const target = approuteNodeTarget(major);
  const unavailable = await target.unavailable();

  describe.skipIf(unavailable !== undefined)(
    `the suite against ${target.title}${unavailable ? ` (unavailable: ${unavailable})` : ''}`,
    () => {
      it('passes every case not listed in known-failures.json', async () => {
        const column = await runTarget(target, allCases, { fixtures: fixturesDir() });
        expect(column.reason).toBeUndefined();
        const failed = (column.results ?? []).filter((r) => r.outcome !== 'pass');
        expect(
          failed.filter((r) => known[r.id] === undefined).map((r) => `${r.id}: ${r.error ?? ''}`),
        ).toEqual([]);
        const fixed = Object.keys(known).filter((id) => !failed.some((r) => r.id === id));
        if (fixed.length > 0)
          console.warn(
            `${target.name}: these known failures now pass; remove them from known-failures.json:\n  ${fixed.join('\n  ')}`,
          );
      });
    },
  );
}
