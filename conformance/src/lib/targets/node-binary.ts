import { execFileSync } from 'node:child_process';

/** Node majors the approute Node adapter is checked on. */
export type NodeMajor = 20 | 22 | 24 | 26;

function versionOf(binary: string): string | undefined {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The `node` executable of a major version: the running Node.js when it is that major, `node`
 * on PATH when it is, or for 22, 24 and 26 the registry build from @approute/node-runtimes.
 * @param major the major version
 */
export async function nodeBinary(
  major: NodeMajor,
): Promise<{ path: string; version: string } | { reason: string }> {
  const candidates = [process.execPath, 'node'];
  if (major !== 20) {
    try {
      const runtimes = (await import('@approute/node-runtimes')) as {
        nodeBinary(name: string): string | undefined;
      };
      const path = runtimes.nodeBinary(`node${major}`);
      if (path) candidates.unshift(path);
    } catch {
      // Not installed (a third party running the published suite): fall back to PATH.
    }
  }
  for (const path of candidates) {
    const version = versionOf(path);
    if (version?.startsWith(`v${major}.`)) return { path, version };
  }
  return {
    reason: `no Node.js ${major} here (the running Node is ${process.version}; Node 22, 24 and 26 come from the workspace package @approute/node-runtimes, linux-x64 only)`,
  };
}
