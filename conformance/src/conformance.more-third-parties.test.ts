import { describe, expect, it } from 'vitest';
import { allCases } from './lib/all-cases.js';
import { runTarget } from './lib/matrix.js';
import { fixturesDir } from './lib/paths.js';
import { summarise } from './lib/report.js';
import { nextjsBunTarget } from './lib/targets/nextjs-bun.js';
import { nextjsDenoTarget } from './lib/targets/nextjs-deno.js';
import { nextjsDevTarget } from './lib/targets/nextjs-dev.js';
import { openNextCloudflareTarget } from './lib/targets/opennext-cloudflare.js';

// More third parties, reported only: real Next.js on Bun and on Deno, `next dev`, OpenNext for
// Cloudflare. Each builds and starts real Next.js (OpenNext's build alone takes a minute on
// two cores), so they run only when asked: APPROUTE_THIRD_PARTY=1 runs all four,
// APPROUTE_THIRD_PARTY=nextjs-bun,opennext-cloudflare the ones named.
const wanted = (process.env.APPROUTE_THIRD_PARTY ?? '').split(',').map((name) => name.trim());
const targets = [
  nextjsBunTarget(),
  nextjsDenoTarget(),
  nextjsDevTarget(),
  openNextCloudflareTarget(),
];

for (const target of targets) {
  const optedIn = wanted.includes('1') || wanted.includes('all') || wanted.includes(target.name);
  const unavailable = optedIn ? await target.unavailable() : undefined;
  const skip = !optedIn
    ? `skipped: slow (builds and starts ${target.name}); set APPROUTE_THIRD_PARTY=1 or =${target.name} to run it`
    : unavailable !== undefined
      ? `skipped: cannot run here: ${unavailable}`
      : undefined;
  describe.skipIf(skip !== undefined)(
    `the suite against ${target.title} (reported only)${skip ? ` (${skip})` : ''}`,
    () => {
      it('starts, serves the fixture project and reports every case', async () => {
        const column = await runTarget(target, allCases, { fixtures: fixturesDir() });
        expect(column.reason ?? '').toBe('');
        expect(column.status).toBe('ran');
        const results = column.results ?? [];
        expect(results).toHaveLength(allCases.length);
        // The server really is the fixture project, not an error page for every path.
        expect(results.find((r) => r.id === 'files/hello-json')?.outcome).toBe('pass');
        const summary = summarise({ generatedAt: '', cases: allCases, columns: [column] }, column);
        console.info(
          `${target.name}: ${summary.pass} pass, ${summary.fail} fail, ${summary.divergence} known divergence`,
        );
      });
    },
  );
}
