// The proxy cases against the approute router called in-process: each fixture project built by
// the approute CLI's own `buildApp`, opened with `openBuild`, and `router.fetch` handed each
// request with no socket in between. One test per case.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, openBuild } from 'approute';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyFixtureGroups } from '../cases/proxy.js';
import { InProcessClient } from './lib/in-process.js';
import { packageRoot } from './lib/paths.js';
import { runCase } from './lib/run.js';

for (const group of proxyFixtureGroups) {
  describe(`the proxy cases of ${group.fixture} against router.fetch, in-process`, () => {
    let client: InProcessClient;
    let outDir: string;
    const log: string[] = [];
    const logs = () => log.join('\n');

    beforeAll(async () => {
      outDir = await mkdtemp(join(tmpdir(), 'approute-in-process-'));
      const options = group.config ?? {};
      await buildApp(join(packageRoot(), group.fixture), {
        warn: () => undefined,
        outDir,
        options,
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

    afterAll(async () => {
      await rm(outDir, { recursive: true, force: true });
    });

    for (const c of group.cases) {
      it(c.id, async () => {
        const result = await runCase(c, client, { logs });
        expect(result.error).toBeUndefined();
        expect(result.outcome).toBe('pass');
      });
    }
  });
}
