import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedPackageDir } from '../paths.js';
import { freePort, runToCompletion, startProcess, waitForOutput } from '../process.js';
import { nextInstall } from './next-install.js';
import { sourcesDigest } from './nextjs.js';
import { nodeBinary } from './node-binary.js';
import type { Target } from './target.js';

const WORKER = 'approute-conformance';
const STAMP = 'approute-conformance-sources';

// The project files `opennextjs-cloudflare build` reads, as its templates write them, with the
// R2 incremental cache (served locally by wrangler) so that ISR and revalidation can work.
const WRANGLER_CONFIG = `// Written by the conformance suite's OpenNext driver.
{
  "main": ".open-next/worker.js",
  "name": "${WORKER}",
  "compatibility_date": "2025-09-01",
  "compatibility_flags": ["nodejs_compat", "global_fetch_strictly_public"],
  "assets": { "directory": ".open-next/assets", "binding": "ASSETS" },
  "services": [{ "binding": "WORKER_SELF_REFERENCE", "service": "${WORKER}" }],
  "r2_buckets": [{ "binding": "NEXT_INC_CACHE_R2_BUCKET", "bucket_name": "${WORKER}-opennext-cache" }]
}
`;

function openNextConfig(buildCommand: string): string {
  return `// Written by the conformance suite's OpenNext driver.
import { defineCloudflareConfig } from '@opennextjs/cloudflare';
import r2IncrementalCache from '@opennextjs/cloudflare/overrides/incremental-cache/r2-incremental-cache';

export default {
  ...defineCloudflareConfig({ incrementalCache: r2IncrementalCache }),
  // The project is not a workspace package: build it with the installed next, not \`pnpm build\`.
  buildCommand: ${JSON.stringify(buildCommand)},
};
`;
}

interface Install {
  cli: string;
  wrangler: string;
  version: string;
  wranglerVersion: string;
}

function versionIn(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
}

function resolveInstall(): Install | undefined {
  const adapter = installedPackageDir('@opennextjs/cloudflare');
  const wrangler = installedPackageDir('wrangler');
  if (!adapter || !wrangler) return undefined;
  return {
    cli: join(adapter, 'dist', 'cli', 'index.js'),
    wrangler: join(wrangler, 'bin', 'wrangler.js'),
    version: versionIn(adapter),
    wranglerVersion: versionIn(wrangler),
  };
}

// Nothing may reach out: no metrics, no `Request.cf` download (miniflare's fallback object is used).
const OFFLINE_ENV = {
  NEXT_TELEMETRY_DISABLED: '1',
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: '1',
  NO_COLOR: '1',
};

/**
 * Copies the fixture project to `fixtures/.opennext/` with the OpenNext and wrangler config and
 * builds it with `opennextjs-cloudflare build` (which runs `next build` in standalone mode and
 * bundles the server into `.open-next/worker.js`), unless a build of the same sources is there.
 */
async function buildOpenNext(
  fixtures: string,
  node: string,
  install: Install,
  next: { bin: string; version: string },
): Promise<string> {
  const project = join(fixtures, '.opennext');
  const digest = sourcesDigest(fixtures, `${next.version}+opennext@${install.version}`);
  const stamp = join(project, '.open-next', STAMP);
  if (
    existsSync(join(project, '.open-next', 'worker.js')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === digest
  )
    return project;
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  // Without app/og: OpenNext 1.20.17's @vercel/og patch fails the build in a workspace layout
  // (ENOENT copying next/dist/compiled/@vercel/og/index.edge.js into its server function,
  // opennextjs/opennextjs-cloudflare#376), so the og cases are reported as failures instead.
  const og = join(fixtures, 'app', 'og');
  cpSync(join(fixtures, 'app'), join(project, 'app'), {
    recursive: true,
    filter: (source) => source !== og && !source.startsWith(`${og}/`),
  });
  for (const file of ['next.config.mjs', 'tsconfig.json'])
    if (existsSync(join(fixtures, file))) cpSync(join(fixtures, file), join(project, file));
  writeFileSync(
    join(project, 'package.json'),
    `{ "private": true, "name": "${WORKER}", "type": "module" }\n`,
  );
  writeFileSync(join(project, 'wrangler.jsonc'), WRANGLER_CONFIG);
  const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;
  writeFileSync(
    join(project, 'open-next.config.ts'),
    openNextConfig(`${quote(node)} ${quote(next.bin)} build`),
  );
  await runToCompletion(
    { command: node, args: [install.cli, 'build'], cwd: project, env: OFFLINE_ENV },
    600_000,
  );
  writeFileSync(stamp, digest);
  return project;
}

/**
 * OpenNext for Cloudflare: the fixture project built with `opennextjs-cloudflare build` and
 * served by workerd through `wrangler dev` (local mode), its R2 incremental cache filled
 * locally with `opennextjs-cloudflare populateCache local` before each start. Everything runs
 * on Node 22 (wrangler needs 22.12 or later).
 */
export function openNextCloudflareTarget(): Target {
  const install = resolveInstall();
  const next = nextInstall();
  return {
    name: 'opennext-cloudflare',
    title: `OpenNext for Cloudflare ${install?.version ?? ''} (Next.js ${next?.version ?? '16'}, wrangler ${install?.wranglerVersion ?? ''} dev, workerd)`,
    group: 'third-party',
    nextjsCompatible: true,
    async unavailable() {
      if (!next)
        return 'next is not installed next to the suite (it is a devDependency of @approute/conformance)';
      if (!install)
        return '@opennextjs/cloudflare and wrangler are not installed next to the suite (npm i -D @opennextjs/cloudflare wrangler)';
      const node = await nodeBinary(22);
      return 'reason' in node ? `wrangler needs Node.js 22.12 or later: ${node.reason}` : undefined;
    },
    async start(fixtures) {
      const node = await nodeBinary(22);
      if (!install || !next || 'reason' in node) throw new Error('OpenNext is not available here');
      const project = await buildOpenNext(fixtures, node.path, install, next);
      // A fresh local R2 bucket each time: the cases' revalidations write to it.
      rmSync(join(project, '.wrangler'), { recursive: true, force: true });
      await runToCompletion(
        {
          command: node.path,
          args: [install.cli, 'populateCache', 'local'],
          cwd: project,
          env: OFFLINE_ENV,
        },
        120_000,
      );
      const [port, inspector] = [await freePort(), await freePort()];
      const server = startProcess({
        command: node.path,
        args: [
          install.wrangler,
          'dev',
          '--local',
          '--ip',
          '127.0.0.1',
          '--port',
          String(port),
          '--inspector-port',
          String(inspector),
          '--show-interactive-dev-session=false',
        ],
        cwd: project,
        env: OFFLINE_ENV,
      });
      try {
        await waitForOutput(server, /Ready on http/, 120_000);
        return { url: `http://127.0.0.1:${port}`, logs: server.output, stop: () => server.stop() };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
  };
}
