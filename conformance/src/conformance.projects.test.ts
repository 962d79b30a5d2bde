// The cases that need a fixture project of their own (cases/projects.ts): each project against
// real Next.js (the suite's Next.js 16, or the project's own Next.js 15), the approute Node
// adapter under Node 20, 22 and 24, the Web adapter on the four fetch runtimes, and the router
// in-process.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApp, openBuild } from 'approute';
import { describe, expect, it } from 'vitest';
import { fixtureProjects } from '../cases/projects.js';
import type { ConformanceCase } from './lib/case.js';
import { InProcessClient } from './lib/in-process.js';
import { runTarget } from './lib/matrix.js';
import { packageRoot } from './lib/paths.js';
import { runCase, type CaseResult } from './lib/run.js';
import { allTargets } from './lib/targets/index.js';
import { nextjsTarget } from './lib/targets/nextjs.js';

// What only an adapter between a socket and the app does: the client's address.
const NEEDS_A_SOCKET = new Set([
  'packages/ip-address',
  'packages/ip-address-forged',
  'packages/geolocation-forged',
]);

const failures = (results: readonly CaseResult[] | undefined) =>
  (results ?? []).filter((r) => r.outcome === 'fail').map((r) => `${r.id}: ${r.error ?? ''}`);

const approuteTargets = allTargets().filter((t) => t.group === 'approute');

async function inProcess(dir: string, cases: readonly ConformanceCase[]): Promise<CaseResult[]> {
  // Inside the project, so that the compiled routes find the packages the project depends on.
  await mkdir(join(dir, '.approute'), { recursive: true });
  const outDir = await mkdtemp(join(dir, '.approute', 'approute-in-process-'));
  const log: string[] = [];
  try {
    await buildApp(dir, { warn: () => undefined, outDir });
    const router = await openBuild(outDir, {
      logger: {
        error: (message, error) => {
          log.push(
            error instanceof Error ? `${message}\n${error.stack ?? error.message}` : message,
          );
        },
        warn: (message) => log.push(message),
      },
    });
    const client = new InProcessClient(router.fetch);
    const results: CaseResult[] = [];
    for (const c of cases) results.push(await runCase(c, client, { logs: () => log.join('\n') }));
    return results;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

for (const project of fixtureProjects) {
  const dir = join(packageRoot(), project.fixture);
  describe(`the ${project.fixture} cases`, () => {
    const reference = nextjsTarget(project.nextjs === 'project' ? { project: dir } : {});
    it(`pass on ${reference.title}, except declared divergences answered its way`, async () => {
      const unavailable = await reference.unavailable();
      if (unavailable) throw new Error(unavailable);
      const column = await runTarget(reference, project.cases, { fixtures: dir });
      expect(column.reason).toBeUndefined();
      expect(failures(column.results)).toEqual([]);
      const diverged = (column.results ?? []).filter((r) => r.outcome === 'divergence');
      expect(diverged.map((r) => r.id)).toEqual(
        project.cases.filter((c) => c.divergence).map((c) => c.id),
      );
    });

    for (const target of approuteTargets) {
      it(`pass on ${target.title}`, async (context) => {
        const unavailable = await target.unavailable();
        if (unavailable) {
          context.skip(`unavailable: ${unavailable}`);
          return;
        }
        const column = await runTarget(target, project.cases, { fixtures: dir });
        expect(column.reason).toBeUndefined();
        expect(
          failures(column.results).filter((line) => !target.limits?.[line.split(':')[0] ?? '']),
        ).toEqual([]);
      });
    }

    it('pass against router.fetch in-process', async () => {
      const cases = project.cases.filter((c) => !NEEDS_A_SOCKET.has(c.id));
      expect(failures(await inProcess(dir, cases))).toEqual([]);
    });
  });
}
