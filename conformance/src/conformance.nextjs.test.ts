import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCases } from './lib/all-cases.js';
import { fixturesDir } from './lib/paths.js';
import { runCases, type CaseResult } from './lib/run.js';
import { nextjsTarget } from './lib/targets/nextjs.js';
import type { RunningTarget } from './lib/targets/target.js';

// The suite checks itself against real Next.js 16: a case that fails here and is not a
// declared approute divergence is a wrong case.
const target = nextjsTarget();
let running: RunningTarget | undefined;
let results: CaseResult[];

beforeAll(async () => {
  const unavailable = await target.unavailable();
  if (unavailable) throw new Error(unavailable);
  const started = await target.start(fixturesDir());
  running = started;
  results = await runCases(started.url, allCases, { nextjsCompatible: true, logs: started.logs });
});
afterAll(async () => {
  await running?.stop();
});

describe(`the suite against ${target.title}`, () => {
  it('passes every case except declared divergences', () => {
    expect(
      results.filter((r) => r.outcome === 'fail').map((r) => `${r.id}: ${r.error ?? ''}`),
    ).toEqual([]);
  });

  it('answers every declared divergence the Next.js way (a divergence that passes here is not one)', () => {
    const declared = allCases.filter((c) => c.divergence).map((c) => c.id);
    const diverged = results.filter((r) => r.outcome === 'divergence').map((r) => r.id);
    expect(diverged).toEqual(declared);
  });
});
