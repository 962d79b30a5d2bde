import { freePort, startProcess, waitForOutput } from '../process.js';
import { buildNext } from './nextjs.js';
import { nextInstall, runtimeBinary } from './next-install.js';
import type { Target } from './target.js';

/**
 * Real Next.js on Bun's runtime: the fixture project built with `next build` (on Node, the
 * build the `nextjs` target caches) and served with `bun --bun next start`, so that the server
 * code runs on Bun's `node:http`, `node:async_hooks` and web APIs instead of Node's.
 */
export function nextjsBunTarget(): Target {
  const next = nextInstall();
  const bun = runtimeBinary('bun');
  const bunVersion = 'version' in bun ? ` ${bun.version}` : '';
  return {
    name: 'nextjs-bun',
    title: `Next.js ${next?.version ?? '16'} on Bun${bunVersion} (bun --bun next start)`,
    group: 'third-party',
    nextjsCompatible: true,
    unavailable: () =>
      Promise.resolve(
        !next
          ? 'next is not installed next to the suite (it is a devDependency of @approute/conformance)'
          : 'reason' in bun
            ? bun.reason
            : undefined,
      ),
    async start(fixtures) {
      if (!next || 'reason' in bun) throw new Error('Next.js on Bun is not available here');
      await buildNext(fixtures);
      const port = await freePort();
      const server = startProcess({
        command: bun.path,
        args: [
          '--bun',
          '--no-env-file',
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
          BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
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
