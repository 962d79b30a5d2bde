import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedPackageDir } from '../paths.js';
import { freePort, runToCompletion, startProcess, waitForOutput } from '../process.js';
import { nodeBinary } from './node-binary.js';
import type { Target } from './target.js';

const VITE_CONFIG = `// Written by the conformance suite's vinext driver.
import { defineConfig } from 'vite';
import vinext from 'vinext';

export default defineConfig({ plugins: [vinext()], logLevel: 'warn' });
`;

const PROXY_FILES = ['proxy.ts', 'proxy.js', 'middleware.ts', 'middleware.js'];

function resolveBins(): { vite: string; vinext: string; version: string } | undefined {
  const vinext = installedPackageDir('vinext');
  const vite = installedPackageDir('vite');
  if (!vinext || !vite) return undefined;
  return {
    vinext: join(vinext, 'dist', 'cli.js'),
    vite: join(vite, 'bin', 'vite.js'),
    version: (JSON.parse(readFileSync(join(vinext, 'package.json'), 'utf8')) as { version: string })
      .version,
  };
}

/**
 * vinext, Cloudflare's implementation of the Next.js API on Vite, as the first third-party
 * runtime: the fixture project is copied to `fixtures/.vinext/` with a Vite config,
 * built with `vite build` and served with `vinext start`, on Node 22 (vinext needs 22+).
 */
export function vinextTarget(): Target {
  const bins = resolveBins();
  return {
    name: 'vinext',
    title: `vinext ${bins?.version ?? ''} (vite build + vinext start, Node 22)`.replace('  ', ' '),
    group: 'third-party',
    nextjsCompatible: true,
    async unavailable() {
      if (!bins)
        return (
          'vinext is not installed next to the suite: npm install vinext vite ' +
          '@vitejs/plugin-react @vitejs/plugin-rsc react-server-dom-webpack react react-dom'
        );
      const node = await nodeBinary(22);
      return 'reason' in node ? `vinext needs Node.js 22 or later: ${node.reason}` : undefined;
    },
    async start(fixtures) {
      const node = await nodeBinary(22);
      if (!bins || 'reason' in node) throw new Error('vinext is not available here');
      const project = join(fixtures, '.vinext');
      rmSync(project, { recursive: true, force: true });
      mkdirSync(project, { recursive: true });
      // The app folder (or src/, with src/app and src/proxy.ts), a proxy beside it, the configs.
      for (const folder of ['app', 'src'])
        if (existsSync(join(fixtures, folder)))
          cpSync(join(fixtures, folder), join(project, folder), { recursive: true });
      for (const file of [...PROXY_FILES, 'next.config.mjs', 'tsconfig.json'])
        if (existsSync(join(fixtures, file))) cpSync(join(fixtures, file), join(project, file));
      writeFileSync(join(project, 'vite.config.mjs'), VITE_CONFIG);
      writeFileSync(join(project, 'package.json'), '{ "private": true, "type": "module" }\n');
      await runToCompletion(
        {
          command: node.path,
          args: [bins.vite, 'build'],
          cwd: project,
          env: { NODE_ENV: 'production' },
        },
        300_000,
      );
      const port = await freePort();
      const server = startProcess({
        command: node.path,
        args: [bins.vinext, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
        cwd: project,
        env: { NODE_ENV: 'production' },
      });
      try {
        await waitForOutput(server, /running at http/, 60_000);
        return { url: `http://127.0.0.1:${port}`, logs: server.output, stop: () => server.stop() };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
  };
}
