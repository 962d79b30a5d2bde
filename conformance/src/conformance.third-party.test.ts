import { describe, expect, it } from 'vitest';
import { allCases } from './lib/all-cases.js';
import { runTarget } from './lib/matrix.js';
import { fixturesDir } from './lib/paths.js';
import { summarise } from './lib/report.js';
import { vinextTarget } from './lib/targets/vinext.js';

// Third-party implementations are reported, not required to pass: this prints their column.
const target = vinextTarget();
const unavailable = await target.unavailable();

describe.skipIf(unavailable !== undefined)(
  `the suite against ${target.title} (reported only)`,
  () => {
    it('runs and reports', async () => {
      const column = await runTarget(target, allCases, { fixtures: fixturesDir() });
      if (column.status !== 'ran') {
        console.warn(`${target.name}: ${column.status}: ${column.reason ?? ''}`);
        return;
      }
      const summary = summarise({ generatedAt: '', cases: allCases, columns: [column] }, column);
      console.info(
        `${target.name}: ${summary.pass} pass, ${summary.fail} fail, ${summary.divergence} known divergence`,
      );
      expect(column.results).toHaveLength(allCases.length);
    });
  },
);
