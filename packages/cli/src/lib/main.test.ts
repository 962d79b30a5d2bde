import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli, useFixtures } from './test-utils.js';

const fixture = useFixtures();

describe('approute command-line manners', () => {
  it('--version prints the version of the installed package', async () => {
    const pkg = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    for (const flag of ['--version', '-v']) {
      const result = await runCli([flag], process.cwd());
      expect(result).toEqual({ code: 0, stdout: `approute ${pkg.version}\n`, stderr: '' });
    }
  });

  it('a mistyped flag gets "did you mean" instead of parseArgs text, and exits 1', async () => {
    const dir = await fixture('hello');
    const result = await runCli(['dev', '.', '--prot', '5103'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'approute dev: Unknown option --prot (did you mean --port?). Run `approute dev --help` for the options it takes.\n',
    );
    expect(result.stdout).toBe('');
  });

  it('a mistyped command gets "did you mean"', async () => {
    const result = await runCli(['biuld'], process.cwd());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^approute: Unknown command "biuld" \(did you mean build\?\)\./);
  });

  it('an option of another command is refused before anything runs', async () => {
    const dir = await fixture('hello');
    const build = await runCli(['build', '.', '--port', '5'], dir);
    expect(build.code).toBe(1);
    expect(build.stderr).toBe(
      'approute build: --port applies to dev and start, not build. Run `approute build --help` for the options it takes.\n',
    );
    const dev = await runCli(['dev', '.', '--target', 'web'], dir);
    expect(dev.code).toBe(1);
    expect(dev.stderr).toContain('approute dev: --target applies to build, not dev.');
  });
});
