// Runs this handler inside real Next.js 16 as `cacheHandlers.default` and runs the Cache
// Components conformance cases against it: the handler interface is Next's, so it should pass
// every case except the two that describe Next's in-memory default handler (it drops entries
// past `revalidate`; the interface, and this handler, serve them stale until `expire`).
//
//   pnpm --filter @approute/cache-redis build && pnpm --filter @approute/conformance build
//   pnpm --filter @approute/cache-redis exec tsx scripts/run-in-nextjs.ts
//
// The fixture is copied to conformance/.cache-redis-next (so that `next` resolves) and removed
// afterwards.
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startRedisServer } from '../test/redis-server.ts';

interface Case {
  id: string;
}
interface Result {
  id: string;
  outcome: string;
  error?: string;
}

const here = fileURLToPath(new URL('..', import.meta.url));
const conformance = join(here, '../../conformance');
const load = async <T>(path: string) =>
  (await import(pathToFileURL(join(conformance, path)).href)) as T;
const { cacheComponentsCases } = await load<{ cacheComponentsCases: Case[] }>(
  'dist/cases/cache-components.js',
);
const { runCases } = await load<{
  runCases: (url: string, cases: Case[], options: object) => Promise<Result[]>;
}>('dist/src/lib/run.js');
const { startUpstream } = await load<{
  startUpstream: () => Promise<{ origin: string; stop: () => Promise<void> }>;
}>('dist/src/lib/upstream.js');
const processes = await load<{
  freePort: () => Promise<number>;
  runToCompletion: (options: object, timeoutMs: number) => Promise<string>;
  startProcess: (options: object) => { output: () => string; stop: () => Promise<void> };
  waitForOutput: (server: object, pattern: RegExp, timeoutMs: number) => Promise<unknown>;
}>('dist/src/lib/process.js');

const EXPECTED_TO_DIFFER = new Set([
  'cache-components/use-cache-past-revalidate-recomputes',
  'cache-components/use-cache-inline-profile',
]);

const dir = join(conformance, '.cache-redis-next');
const next = join(conformance, 'node_modules/next/dist/bin/next');
await rm(dir, { recursive: true, force: true });
await mkdir(dir);
await cp(join(conformance, 'fixtures-cache-components/app'), join(dir, 'app'), { recursive: true });
await cp(join(conformance, 'fixtures-cache-components/tsconfig.json'), join(dir, 'tsconfig.json'));
await writeFile(
  join(dir, 'redis-handler.mjs'),
  `import { createRedisCacheHandler } from ${JSON.stringify(pathToFileURL(join(here, 'dist/index.js')).href)};\n` +
    'export default createRedisCacheHandler({ url: process.env.REDIS_URL });\n',
);
await writeFile(
  join(dir, 'next.config.mjs'),
  `export default {
  typescript: { ignoreBuildErrors: true },
  compress: false,
  poweredByHeader: false,
  cacheComponents: true,
  partialPrefetching: true,
  cacheLife: { brief: { stale: 0, revalidate: 1, expire: 3 } },
  cacheHandlers: { default: ${JSON.stringify(join(dir, 'redis-handler.mjs'))} },
};\n`,
);

const redis = await startRedisServer();
const upstream = await startUpstream();
const env = { NEXT_TELEMETRY_DISABLED: '1', REDIS_URL: redis.url, CACHE_UPSTREAM: upstream.origin };
let failed = 0;
try {
  await processes.runToCompletion(
    { command: process.execPath, args: [next, 'build'], cwd: dir, env },
    300_000,
  );
  const port = await processes.freePort();
  const server = processes.startProcess({
    command: process.execPath,
    args: [next, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    cwd: dir,
    env: { ...env, NODE_ENV: 'production' },
  });
  try {
    await processes.waitForOutput(server, /Ready in/, 60_000);
    const results = await runCases(`http://127.0.0.1:${port}`, cacheComponentsCases, {
      nextjsCompatible: true,
      logs: server.output,
    });
    for (const result of results) {
      const expected = EXPECTED_TO_DIFFER.has(result.id) ? 'fail' : 'pass';
      const note = result.outcome === expected ? '' : '   <-- unexpected';
      if (note) failed += 1;
      process.stdout.write(
        `${result.outcome} ${result.id}${result.error ? `: ${result.error}` : ''}${note}\n`,
      );
    }
  } finally {
    await server.stop();
  }
} finally {
  await upstream.stop();
  await redis.dispose();
  await rm(dir, { recursive: true, force: true });
}
process.stdout.write(`${failed} unexpected outcome(s)\n`);
process.exitCode = failed > 0 ? 1 : 0;
