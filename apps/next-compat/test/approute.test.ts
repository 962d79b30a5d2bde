// The same probe against approute: `approute start` of apps/web on Node, and the web bundle
// (`approute build --target web`) under Bun. The project is unchanged: it is the one
// `next.test.ts` serves with real Next.js.
//
// Every probe must pass, as on real Next.js.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startBun, type RuntimeServer } from '@approute/runtimes';
import { afterEach, describe, expect, it } from 'vitest';
import { runProbes } from '../probe.mjs';
import { approuteBin, approuteStart, compatDir, run, webDir, type Served } from './servers.ts';

let server: Served | RuntimeServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Runs the probe; on failures, writes them to test-results/<name>.txt and fails with them. */
async function expectAllProbesPass(url: string, name: string): Promise<void> {
  const results = await runProbes(url);
  const failed = results.filter((result) => !result.ok);
  if (failed.length > 0) {
    const lines = failed.map((result) => `FAIL  ${result.name}: ${result.error ?? ''}`);
    await mkdir(join(compatDir, 'test-results'), { recursive: true });
    await writeFile(join(compatDir, 'test-results', `${name}.txt`), `${lines.join('\n')}\n`);
  }
  expect(results.length).toBeGreaterThanOrEqual(35);
  expect(failed.map((result) => `${result.name}: ${result.error ?? ''}`)).toEqual([]);
}

describe('apps/web on approute, unchanged', () => {
  it('passes every probe on Node (approute build, approute start)', async () => {
    await run([approuteBin, 'build', webDir], compatDir);
    server = await approuteStart();
    await expectAllProbesPass(server.url, 'approute-node');
  });

  it('passes every probe as the web bundle under Bun', async () => {
    await run([approuteBin, 'build', webDir, '--target', 'web'], compatDir);
    // The bundle carries NODE_ENV and the .env* values; Bun runs it with --no-env-file.
    server = await startBun(join(webDir, '.approute/web/index.mjs'));
    await expectAllProbesPass(server.url, 'approute-web-bun');
  });
});
