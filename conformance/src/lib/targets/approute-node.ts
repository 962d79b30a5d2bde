import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../paths.js';
import { runToCompletion, startProcess, waitForOutput } from '../process.js';
import { nodeBinary, type NodeMajor } from './node-binary.js';
import type { Target } from './target.js';

/** The approute CLI's bin script, from the installed `approute` package or the workspace. */
export function approuteBin(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('approute/package.json');
    const bin = join(dirname(manifest), 'bin', 'approute.js');
    if (existsSync(bin)) return bin;
  } catch {
    // Not installed next to the suite.
  }
  const workspace = join(packageRoot(), '..', 'packages', 'cli', 'bin', 'approute.js');
  return existsSync(workspace) ? workspace : undefined;
}

/**
 * The approute Node adapter through the `approute` CLI under one Node major: `approute build`
 * first when the CLI has that command, then `approute start <dir> --port 0`, which prints
 * `ready on <url>`.
 * @param major the Node.js major version
 */
export function approuteNodeTarget(major: NodeMajor): Target {
  return {
    name: `approute-node${major}`,
    title: `approute Node adapter, Node ${major}`,
    group: 'approute',
    nextjsCompatible: false,
    async unavailable() {
      const bin = approuteBin();
      if (!bin) return 'the approute CLI (packages/cli/bin/approute.js) is not installed';
      const cliDist = join(dirname(bin), '..', 'dist');
      if (!existsSync(cliDist))
        return `the approute CLI is not built (${cliDist} is missing): run pnpm build`;
      const node = await nodeBinary(major);
      return 'reason' in node ? node.reason : undefined;
    },
    async start(fixtures) {
      const bin = approuteBin();
      const node = await nodeBinary(major);
      if (!bin || 'reason' in node) throw new Error(`approute-node${major} is not available here`);
      const help = await runToCompletion(
        { command: node.path, args: [bin, '--help'], cwd: fixtures },
        30_000,
      ).catch((error: unknown) => String(error));
      if (/^\s+build\b/m.test(help)) {
        await runToCompletion(
          { command: node.path, args: [bin, 'build', fixtures], cwd: fixtures },
          120_000,
        );
      }
      const server = startProcess({
        command: node.path,
        args: [bin, 'start', fixtures, '--port', '0'],
        cwd: fixtures,
        env: { NODE_ENV: 'production' },
      });
      try {
        const match = await waitForOutput(server, /ready on (https?:\/\/[^\s]+)/, 60_000);
        return {
          url: (match[1] ?? '').replace(/\/$/, ''),
          logs: server.output,
          stop: () => server.stop(),
        };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
  };
}
