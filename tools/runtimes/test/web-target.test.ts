import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webTarget } from '../src/index.ts';

const echo = fileURLToPath(new URL('./fixtures/echo.mjs', import.meta.url));
let root: string;
let bin: string;
let project: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'approute-web-target-'));
  // A stand-in for the approute CLI: checks its arguments, then writes the bundle where the
  // real `approute build --target web` does.
  bin = join(root, 'cli', 'bin', 'approute.js');
  await mkdir(join(root, 'cli', 'bin'), { recursive: true });
  await mkdir(join(root, 'cli', 'dist'), { recursive: true });
  await writeFile(
    bin,
    `import { cpSync, mkdirSync } from 'node:fs';
const [command, dir, flag, target] = process.argv.slice(2);
if (command !== 'build' || flag !== '--target' || target !== 'web') { console.error('unexpected arguments', process.argv.slice(2)); process.exit(2); }
mkdirSync(dir + '/.approute/web', { recursive: true });
cpSync(${JSON.stringify(echo)}, dir + '/.approute/web/index.mjs');
`,
  );
  project = join(root, 'project');
  await mkdir(project);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('webTarget', () => {
  it('builds the project with approute build --target web, then serves the bundle', async () => {
    const target = webTarget('deno', { approuteBin: () => bin });
    expect(target).toMatchObject({
      name: 'approute-deno',
      group: 'approute',
      nextjsCompatible: false,
    });
    expect(await target.unavailable()).toBeUndefined();
    const running = await target.start(project);
    try {
      const response = await request(`${running.url}/from-target?id=1`);
      expect(await response.body.json()).toMatchObject({ path: '/from-target', scoped: '1' });
    } finally {
      await running.stop();
    }
  }, 60_000);

  it('says why it cannot run when the CLI is missing or not built', async () => {
    expect(await webTarget('bun', { approuteBin: () => undefined }).unavailable()).toBe(
      'the approute CLI is not installed',
    );
    const unbuilt = join(root, 'unbuilt', 'bin', 'approute.js');
    expect(await webTarget('bun', { approuteBin: () => unbuilt }).unavailable()).toMatch(
      /is not built .*dist is missing/,
    );
  });

  it('fails start with the build output when the build fails', async () => {
    const target = webTarget('bun', { approuteBin: () => join(root, 'missing.js') });
    await expect(target.start(project)).rejects.toThrow(/approute build .* --target web failed/);
  });
});
