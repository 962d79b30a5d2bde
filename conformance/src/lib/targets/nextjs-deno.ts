import { freePort, startProcess, waitForOutput } from '../process.js';
import { buildNext } from './nextjs.js';
import { nextInstall, runtimeBinary } from './next-install.js';
import type { Target } from './target.js';

/**
 * Real Next.js on Deno: the fixture project built with `next build` (on Node, the build the
 * `nextjs` target caches) and served by running the installed `next` CLI under Deno
 * (`deno run -A <node_modules/next/dist/bin/next> start`). Deno reads the `node_modules` that
 * pnpm installed, so nothing is fetched; `deno run -A npm:next start` would ask the registry.
 */
export function nextjsDenoTarget(): Target {
  const next = nextInstall();
  const deno = runtimeBinary('deno');
  const denoVersion = 'version' in deno ? ` ${deno.version}` : '';
  return {
    name: 'nextjs-deno',
    title: `Next.js ${next?.version ?? '16'} on Deno${denoVersion} (deno run -A next start)`,
    group: 'third-party',
    nextjsCompatible: true,
    unavailable: () =>
      Promise.resolve(
        !next
          ? 'next is not installed next to the suite (it is a devDependency of @approute/conformance)'
          : 'reason' in deno
            ? deno.reason
            : undefined,
      ),
    async start(fixtures) {
      if (!next || 'reason' in deno) throw new Error('Next.js on Deno is not available here');
      await buildNext(fixtures);
      const port = await freePort();
      const server = startProcess({
        command: deno.path,
        args: [
          'run',
          '--allow-all',
          '--no-lock',
          '--no-prompt',
          next.bin,
          'start',
          '--port',
          String(port),
          '--hostname',
          '127.0.0.1',
        ],
        cwd: fixtures,
        env: {
          NEXT_TELEMETRY_DISABLED: '1',
          NODE_ENV: 'production',
          DENO_NO_UPDATE_CHECK: '1',
          DENO_NO_PROMPT: '1',
          NO_COLOR: '1',
        },
      });
      try {
        await waitForOutput(server, /Ready in/, 60_000);
        return { url: `http://127.0.0.1:${port}`, logs: server.output, stop: () => server.stop() };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
  };
}
