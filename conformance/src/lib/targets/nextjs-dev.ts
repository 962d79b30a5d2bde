import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Client } from 'undici';
import { allCases } from '../all-cases.js';
import { freePort, startProcess, waitForOutput } from '../process.js';
import { nextInstall } from './next-install.js';
import type { Target } from './target.js';

/** How long one on-demand compile may take while warming (a cold Turbopack compile takes ~1 s here). */
const COMPILE_TIMEOUT_MS = 120_000;

/**
 * A URL for each route file of the fixture project: `(group)` and `@slot` folders left out,
 * `%5F` read as `_`, dynamic segments filled with a sample value, `_private` trees skipped.
 * @param app the `app/` folder
 */
export function routeUrls(app: string): string[] {
  const urls: string[] = [];
  for (const entry of readdirSync(app, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/^route\.[cm]?[jt]sx?$/.test(entry.name)) continue;
    const folders = relative(app, entry.parentPath).split(sep).filter(Boolean);
    if (folders.some((f) => f.startsWith('_'))) continue;
    const segments = folders.flatMap((folder) => {
      if (/^\(.*\)$/.test(folder) && !/^\(\.{1,3}\)/.test(folder)) return [];
      if (folder.startsWith('@') || folder.startsWith('[[...')) return [];
      const dynamic = /^\[(?:\.\.\.)?(.+)\]$/.exec(folder);
      if (dynamic) return [dynamic[1] ?? 'x'];
      return [folder.replaceAll('%5F', '_')];
    });
    urls.push(`/${segments.join('/')}`);
  }
  return urls;
}

/**
 * Makes `next dev` compile every route before the suite runs, so that no case (a streaming
 * timing, a revalidation window) measures an on-demand compile. Each route gets an `OPTIONS`
 * request, which loads the module without calling a handler unless the route exports
 * `OPTIONS`; a path no route matches compiles the not-found page.
 * @param url the dev server's origin
 * @param fixtures the fixture project
 */
export async function warmDevServer(url: string, fixtures: string): Promise<void> {
  const paths = new Set([
    ...routeUrls(join(fixtures, 'app')),
    ...allCases.flatMap((c) => (c.request ? [c.request.path] : [])),
    '/approute-conformance-warm-up-missing',
  ]);
  const client = new Client(url, {
    headersTimeout: COMPILE_TIMEOUT_MS,
    bodyTimeout: COMPILE_TIMEOUT_MS,
  });
  try {
    for (const path of paths) {
      try {
        const res = await client.request({ method: 'OPTIONS', path });
        await res.body.dump();
      } catch {
        // A path the server refuses outright still warmed whatever it compiled.
      }
    }
  } finally {
    await client.close();
  }
}

/**
 * Real Next.js in development mode: `next dev` (Turbopack, the Next.js 16 default) on the
 * fixture project, its own column because dev-mode answers differ (no static GET cache,
 * no prerendering, error pages with details). Every route is compiled once before the cases run.
 */
export function nextjsDevTarget(): Target {
  const next = nextInstall();
  return {
    name: 'nextjs-dev',
    title: `Next.js ${next?.version ?? '16'} (next dev, Turbopack)`,
    group: 'third-party',
    nextjsCompatible: true,
    unavailable: () =>
      Promise.resolve(
        next
          ? undefined
          : 'next is not installed next to the suite (it is a devDependency of @approute/conformance)',
      ),
    async start(fixtures) {
      if (!next) throw new Error('next is not installed');
      const port = await freePort();
      const server = startProcess({
        command: process.execPath,
        args: [next.bin, 'dev', '--port', String(port), '--hostname', '127.0.0.1'],
        cwd: fixtures,
        env: { NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'development', NO_COLOR: '1' },
      });
      try {
        await waitForOutput(server, /Ready in/, 120_000);
        const url = `http://127.0.0.1:${port}`;
        await warmDevServer(url, fixtures);
        return { url, logs: server.output, stop: () => server.stop() };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
  };
}
