// What a user outside this repository experiences: every public package packed as it would be
// published, installed with npm into a scratch project in the system's temporary folder, and
// the approute command run there on one route that imports from next/server.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const packages = [
  'packages/og',
  'packages/request',
  'packages/router',
  'packages/node',
  'packages/web',
  'packages/cli',
];
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'approute-packaging-'));
  const tarballs = join(scratch, 'tarballs');
  await mkdir(tarballs);
  for (const dir of packages) {
    await run(
      process.execPath,
      [join(root, 'scripts', 'pnpm.mjs'), 'pack', '--pack-destination', tarballs],
      { cwd: join(root, dir) },
    );
  }
  const project = join(scratch, 'project');
  await mkdir(join(project, 'app', 'hello'), { recursive: true });
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'scratch', private: true, type: 'module' }),
  );
  await writeFile(
    join(project, 'app', 'hello', 'route.ts'),
    [
      "import { NextResponse, type NextRequest } from 'next/server';",
      '',
      'export async function GET(request: NextRequest): Promise<Response> {',
      "  return NextResponse.json({ message: 'Hello World', path: request.nextUrl.pathname });",
      '}',
      '',
    ].join('\n'),
  );
  const files = (await readdir(tarballs)).map((file) => join(tarballs, file));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], {
    cwd: project,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}, 120_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the packed packages installed with npm', () => {
  it('approute build and approute start serve a route that imports next/server', async () => {
    const project = join(scratch, 'project');
    const bin = join(project, 'node_modules', '.bin', 'approute');
    const built = await run(bin, ['build'], { cwd: project });
    expect(built.stdout).toContain('─ ƒ /hello  GET                          app/hello/route.ts');

    const child = spawn(bin, ['start', '--port', '0'], {
      cwd: project,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      let url: string | undefined;
      for await (const chunk of child.stdout) {
        output += String(chunk);
        url = /ready on (http:\/\/\S+)/.exec(output)?.[1];
        if (url) break;
      }
      expect(url, output).toBeDefined();
      expect(output).not.toContain('building');
      const res = await request(`${url ?? ''}/hello`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(await res.body.json()).toEqual({ message: 'Hello World', path: '/hello' });
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  }, 60_000);
});
