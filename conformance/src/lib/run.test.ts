import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startApp } from 'approute';
import type { RunningServer } from '@approute/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCases } from './all-cases.js';
import { runCases } from './run.js';

const fixtures = fileURLToPath(new URL('../../fixtures', import.meta.url));
let running: RunningServer;

beforeAll(async () => {
  running = await startApp({ dir: fixtures, port: 0, hostname: '127.0.0.1' });
});
afterAll(async () => {
  await running.close();
  await rm(`${fixtures}/.approute`, { recursive: true, force: true });
});

describe('the suite against the approute Node adapter', () => {
  it('passes every case', async () => {
    const results = await runCases(running.url, allCases);
    expect(results.filter((r) => r.outcome === 'fail')).toEqual([]);
    expect(results.length).toBe(allCases.length);
  });

  it('reports a failure when the server answers differently', async () => {
    const [first] = allCases;
    if (!first) throw new Error('no cases');
    const results = await runCases(running.url, [{ ...first, path: '/no-such-route' }]);
    expect(results[0]?.outcome).toBe('fail');
  });
});
