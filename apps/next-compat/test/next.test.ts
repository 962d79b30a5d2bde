// The reference: every probe passes on real Next.js 16 (`next build && next start`). If one
// fails here, the probe or the app is wrong, not approute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbes } from '../probe.mjs';
import { nextBuild, nextStart, type Served } from './servers.ts';

let server: Served | undefined;

beforeAll(async () => {
  await nextBuild();
  server = await nextStart();
});

afterAll(async () => {
  await server?.stop();
});

describe('apps/web on real Next.js 16 (next start)', () => {
  it('passes every probe', async () => {
    if (!server) throw new Error('next start did not come up');
    const results = await runProbes(server.url);
    expect(results.length).toBeGreaterThanOrEqual(35);
    expect(results.filter((result) => !result.ok)).toEqual([]);
  });
});
