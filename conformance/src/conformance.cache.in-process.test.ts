// The data cache cases against the approute router called in-process: each cache fixture built
// by the CLI's own `buildApp` (with what its next.config sets as router options), opened with
// `openBuild`, and `router.fetch` handed each request. One test per case.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, openBuild } from 'approute';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFixtureDir, cacheFixtures } from './lib/cache-fixtures.js';
import { InProcessClient } from './lib/in-process.js';
import { runCase } from './lib/run.js';
import { startUpstream, type Upstream } from './lib/upstream.js';

let upstream: Upstream;
const outDirs: string[] = [];
beforeAll(async () => {
  upstream = await startUpstream();
  // The fixture routes read the upstream's origin at request time, as on a server.
  process.env.CACHE_UPSTREAM = upstream.origin;
});
afterAll(async () => {
  await upstream.stop();
  await Promise.all(outDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

for (const fixture of cacheFixtures) {
  describe(`the ${fixture.name} cases against router.fetch, in-process`, () => {
    let client: InProcessClient;
    const log: string[] = [];
    beforeAll(async () => {
      const outDir = await mkdtemp(join(tmpdir(), 'approute-in-process-'));
      outDirs.push(outDir);
      await buildApp(cacheFixtureDir(fixture), {
        warn: () => undefined,
        outDir,
        options: fixture.config,
      });
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
      client = new InProcessClient(router.fetch);
    }, 120_000);

    for (const c of fixture.cases) {
      it(c.id, async () => {
        const result = await runCase(c, client, { logs: () => log.join('\n') });
        expect(result.error).toBeUndefined();
        expect(result.outcome).toBe('pass');
      });
    }
  });
}
