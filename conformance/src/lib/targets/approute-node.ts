import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { installedPackageDir } from '../paths.js';
import { runToCompletion, startProcess, waitForOutput } from '../process.js';
import { nodeBinary, type NodeMajor } from './node-binary.js';
import { approuteArgs, type Target } from './target.js';

/**
 * The bin script of the `approute` CLI that Node's module resolver finds from this package
 * (installed beside it, or linked in the workspace), or `undefined` when there is none or it
 * is not built.
 */
export function approuteBin(): string | undefined {
  const dir = approutePackageDir();
  const bin = dir === undefined ? undefined : join(dir, 'bin', 'approute.js');
  return bin !== undefined && existsSync(bin) ? bin : undefined;
}

// The package's folder, found from its resolved entry point (its `exports` hide package.json).
function approutePackageDir(): string | undefined {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('approute');
  } catch {
    return undefined;
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'approute'
    )
      return dir;
  }
  return undefined;
}

/** Why the approute CLI cannot be used from here, or `undefined` when it can. */
export function approuteUnavailable(): string | undefined {
  if (approuteBin() !== undefined) return undefined;
  const linked = installedPackageDir('approute');
  return linked !== undefined && !existsSync(join(linked, 'dist'))
    ? `the approute CLI in ${linked} is not built (its dist folder is missing): run pnpm build`
    : 'the approute CLI is not installed next to the suite: npm install approute';
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
      const cli = approuteUnavailable();
      if (cli !== undefined) return cli;
      const node = await nodeBinary(major);
      return 'reason' in node ? node.reason : undefined;
    },
    async start(fixtures, options = {}) {
      const args = approuteArgs(options);
      const bin = approuteBin();
      const node = await nodeBinary(major);
      if (!bin || 'reason' in node) throw new Error(`approute-node${major} is not available here`);
      const help = await runToCompletion(
        { command: node.path, args: [bin, '--help'], cwd: fixtures },
        30_000,
      ).catch((error: unknown) => String(error));
      if (/^\s+build\b/m.test(help)) {
        await runToCompletion(
          {
            command: node.path,
            args: [bin, 'build', fixtures, ...args, ...(options.approuteBuildArgs ?? [])],
            cwd: fixtures,
          },
          120_000,
        );
      }
      const server = startProcess({
        command: node.path,
        args: [bin, 'start', fixtures, '--port', '0', ...args],
        cwd: fixtures,
        env: { ...options.env, NODE_ENV: 'production' },
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
