import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APP_ROUTES_BASE_PATH,
  appRoutesBasePathCases,
  appRoutesNotRerun,
  appRoutesSuiteCaseIds,
} from '../cases/app-routes-base-path.js';
import { configCases } from '../cases/config.js';
import { allCases } from './lib/all-cases.js';
import { fixturesCopy } from './lib/fixtures.js';
import { loadKnownFailures } from './lib/matrix.js';
import { packageRoot } from './lib/paths.js';
import { runCase, runCases, type CaseClient, type CaseResult } from './lib/run.js';
import { approuteNodeTarget } from './lib/targets/approute-node.js';
import { allTargets, type RunningTarget, type Target } from './lib/targets/index.js';
import { nextjsTarget } from './lib/targets/nextjs.js';

// Next.js's app-routes suite again under `basePath: '/docs'`, as Next.js reruns it: the cases
// NEXT-E2E.md maps that suite to, every request under the base path, against a copy of the
// fixture app whose next.config sets the base path. Real Next.js 16 first (a failing case is a
// wrong transform), then approute on Node 20 (the base path read from that next.config, and
// an unchanged copy of the fixture project built with `approute build --base-path`) and as the
// web bundle on the fetch runtimes.

// The app-routes rows of NEXT-E2E.md and the case ids each names, "-post" after
// "methods/dispatch-get" standing for "methods/dispatch-post"; the rerun row itself is left out.
function casesNamedByTheMap(): string[] {
  const map = readFileSync(join(packageRoot(), '..', 'apps/next-compat/NEXT-E2E.md'), 'utf8');
  const ids = new Set<string>();
  for (const line of map.split('\n')) {
    const row = /^\| (\d+) \|[^|]*\|([^|]*)\|/.exec(line);
    if (!row || row[1] === '42') continue;
    const column = (row[2] ?? '').replace(/\([^)]*\)/g, ' ');
    let last: string | undefined;
    for (const token of column.matchAll(/([a-z-]+\/[a-z0-9.-]+)|(?<=[ ,])-([a-z0-9-]+)/g)) {
      if (token[1]) ids.add((last = token[1]));
      else if (last) ids.add(`${last.replace(/-[a-z0-9]+$/, '')}-${token[2] ?? ''}`);
    }
  }
  return [...ids];
}

describe('the app-routes cases under basePath', () => {
  it('are every case NEXT-E2E.md maps the suite to, except those listed with a reason', () => {
    const named = casesNamedByTheMap();
    const known = new Set([...allCases, ...configCases].map((c) => c.id));
    expect(named.filter((id) => !known.has(id))).toEqual([]);
    expect(named.length).toBeGreaterThan(50);
    expect(
      named.filter((id) => !appRoutesSuiteCaseIds.includes(id) && !(id in appRoutesNotRerun)),
    ).toEqual([]);
    expect(appRoutesSuiteCaseIds.filter((id) => !named.includes(id))).toEqual([]);
  });

  it('send every request under the base path, those of run() and check() too', async () => {
    // A client that records each request and answers 404, as an app without the base path does.
    const sent = new Map<string, string[]>();
    let current = '';
    const client: CaseClient = {
      send(request) {
        sent.get(current)?.push(request.path);
        return Promise.resolve({
          status: 404,
          statusText: 'Not Found',
          headers: {},
          body: '',
          bytes: new Uint8Array(),
          chunks: [],
          header: () => undefined,
          json: () => {
            throw new SyntaxError('no JSON body');
          },
        });
      },
    };
    const outcomes: string[] = [];
    for (const c of appRoutesBasePathCases) {
      sent.set((current = c.id), []);
      outcomes.push((await runCase(c, client)).outcome);
    }
    const paths = [...sent.values()].flat();
    expect(paths.length).toBeGreaterThanOrEqual(appRoutesBasePathCases.length);
    expect([...sent].filter(([, list]) => list.length === 0).map(([id]) => id)).toEqual([]);
    expect(paths.filter((path) => !path.startsWith(`${APP_ROUTES_BASE_PATH}/`))).toEqual([]);
    // 404 with an empty body is what one case expects; every other case fails on it.
    expect(
      appRoutesBasePathCases.filter((_, i) => outcomes[i] === 'pass').map((c) => c.id),
    ).toEqual(['navigation/not-found']);
  });
});

const running: RunningTarget[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
});

interface Run {
  target: Target;
  /**
   * Serve the fixture project as it is, without basePath in its next.config, built with
   * `approute build --base-path`.
   */
  flag?: boolean;
}

const runs: Run[] = [
  { target: nextjsTarget() },
  { target: approuteNodeTarget(20) },
  { target: approuteNodeTarget(20), flag: true },
  ...allTargets()
    .filter((target) => target.group === 'approute' && target.limits !== undefined)
    .map((target) => ({ target })),
];
const knownFailures = loadKnownFailures();
const declared = appRoutesBasePathCases.filter((c) => c.divergence).map((c) => c.id);

for (const { target, flag } of runs) {
  const unavailable = await target.unavailable();
  const how = flag ? ` with approute build --base-path ${APP_ROUTES_BASE_PATH}` : '';
  describe.skipIf(unavailable !== undefined)(
    `the app-routes cases under basePath against ${target.title}${how}` +
      (unavailable ? ` (unavailable: ${unavailable})` : ''),
    () => {
      const title = target.nextjsCompatible
        ? 'pass, the declared divergences answered the Next.js way'
        : "pass, except the runtime's limits";
      it(`all ${appRoutesBasePathCases.length} ${title}`, { timeout: 300_000 }, async () => {
        const server = flag
          ? await target.start(fixturesCopy('plain'), { basePath: APP_ROUTES_BASE_PATH })
          : await target.start(fixturesCopy('base-path', { basePath: APP_ROUTES_BASE_PATH }));
        running.push(server);
        let results: CaseResult[];
        try {
          results = await runCases(server.url, appRoutesBasePathCases, {
            nextjsCompatible: target.nextjsCompatible,
            logs: server.logs,
          });
        } finally {
          await server.stop();
        }
        const failed = results.filter((r) => r.outcome === 'fail');
        const excused = failed.filter(
          (r) =>
            target.limits?.[r.id] !== undefined ||
            (target.group === 'approute' && knownFailures[r.id] !== undefined),
        );
        console.info(
          `${target.name}${flag ? ' (--base-path)' : ''}: ${results.length} cases under ` +
            `${APP_ROUTES_BASE_PATH}, ${results.filter((r) => r.outcome === 'pass').length} ` +
            `passed, ${results.filter((r) => r.outcome === 'divergence').length} declared ` +
            `divergences, ${excused.length} runtime limits or known failures` +
            (excused.length > 0 ? ` (${excused.map((r) => r.id).join(', ')})` : ''),
        );
        expect(
          failed.filter((r) => !excused.includes(r)).map((r) => `${r.id}: ${r.error ?? ''}`),
        ).toEqual([]);
        // On Next.js a declared divergence is answered the Next.js way; on approute it passes.
        expect(results.filter((r) => r.outcome === 'divergence').map((r) => r.id)).toEqual(
          target.nextjsCompatible ? declared : [],
        );
      });
    },
  );
}
