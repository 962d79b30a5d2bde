// The suite as a runtime author gets it: every public package packed as it would be
// published and installed with npm in a scratch folder outside the workspace; the fixtures
// copied with the installed CLI, served by the installed `approute` on Node and by its web
// bundle under Bun, and checked by the installed `approute-conformance --url`.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { bunBinary } from '@approute/runtimes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCases } from './lib/all-cases.js';
import { packageRoot } from './lib/paths.js';
import { runtimeLimits } from './lib/runtime-limits.js';

const exec = promisify(execFile);
const suite = packageRoot();
const root = join(suite, '..');
const PACKAGES = [
  'packages/og',
  'packages/request',
  'packages/router',
  'packages/node',
  'packages/web',
  'packages/cli',
  'conformance',
];
const env = {
  ...process.env,
  npm_config_update_notifier: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};
let scratch: string;
let project: string;
let conformanceTarball: string;
const servers: ChildProcess[] = [];

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

// `npx --no`: run the installed bin, never fetch one.
function npx(args: string[], timeout = 60_000): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['--no', '--', ...args],
      { cwd: project, env, timeout },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

// Starts a server in its own process group and waits for the line that gives its URL.
function serve(command: string, args: string[], ready: RegExp): Promise<string> {
  const child = spawn(command, args, { cwd: project, env, detached: true, stdio: 'pipe' });
  servers.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no ready line in 30 s:\n${output}`));
    }, 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = ready.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url.replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      reject(new Error(`exited with ${String(code)}:\n${output}`));
    });
  });
}

async function stopAll(): Promise<void> {
  for (const child of servers.splice(0)) {
    if (child.pid === undefined || child.exitCode !== null) continue;
    const exited = once(child, 'exit');
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'approute-conformance-packaging-'));
  const tarballs = join(scratch, 'tarballs');
  await mkdir(tarballs);
  await Promise.all(
    PACKAGES.map((dir) =>
      exec(
        process.execPath,
        [join(root, 'scripts', 'pnpm.mjs'), 'pack', '--pack-destination', tarballs],
        { cwd: join(root, dir) },
      ),
    ),
  );
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  conformanceTarball = files.find((file) => /approute-conformance-[^/]+\.tgz$/.test(file)) ?? '';
  project = join(scratch, 'project');
  await mkdir(project);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'runtime-author', private: true, type: 'module' }),
  );
  // One install of every tarball: npm never looks for an @approute package in the registry.
  // react too, as in any Next.js project: the fixture's og/ routes are JSX.
  const install = ['install', '--no-audit', '--no-fund', '--loglevel=error', 'react@19.3.1'];
  await exec('npm', [...install, ...files], {
    cwd: project,
    env,
  });
}, 120_000);

afterAll(async () => {
  await stopAll();
  await rm(scratch, { recursive: true, force: true });
});

describe('the published @approute/conformance, installed with npm', () => {
  it('holds the CLI, the built suite, the case sources, the fixtures, the rules and the limits', async () => {
    const { stdout } = await exec('tar', ['-tzf', conformanceTarball]);
    const listed = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/^package\//, ''))
      .sort();
    // Every fixture project ships: fixtures/ for the main suite, fixtures-* for the proxy and
    // cache suites, which need a next.config or a proxy.ts of their own.
    const projects = readdirSync(suite).filter((name) => name.startsWith('fixtures-'));
    expect(projects.length).toBeGreaterThan(0);
    expect([...new Set(listed.map((file) => file.split('/')[0]))].sort()).toEqual(
      [
        'README.md',
        'bin',
        'cases',
        'dist',
        'fixtures',
        ...projects,
        'known-failures.json',
        'package.json',
        'runtime-limits.json',
        'spec.md',
      ].sort(),
    );
    // The fixture sources as they are on disk, without build output and npm's ignore files.
    const buildOutput =
      /^fixtures\/(\.next|\.approute|\.vinext|\.opennext|node_modules)\/|next-env\.d\.ts$/;
    const sources = readdirSync(join(suite, 'fixtures'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name !== '.gitignore')
      .map((entry) => relative(suite, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .filter((file) => !buildOutput.test(file));
    expect(sources.length).toBeGreaterThan(50);
    expect(listed.filter((file) => file.startsWith('fixtures/'))).toEqual(sources.sort());
    const cases = readdirSync(join(suite, 'cases')).filter((file) => file.endsWith('.ts'));
    expect(listed.filter((file) => file.startsWith('cases/'))).toEqual(
      cases.map((file) => `cases/${file}`).sort(),
    );
    for (const file of cases.map((name) => name.replace(/\.ts$/, '')))
      expect(listed).toContain(`dist/cases/${file}.js`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'bin/approute-conformance.js',
        'dist/src/bin.js',
        'dist/src/index.js',
        'dist/src/index.d.ts',
        'dist/src/lib/cli.js',
        'dist/src/lib/report-html.js',
        'dist/src/lib/targets/index.js',
      ]),
    );
    expect(listed.filter((file) => /\.test\.|\/test-utils/.test(file))).toEqual([]);

    const installed = join(project, 'node_modules', '@approute', 'conformance');
    expect(readFileSync(join(installed, 'spec.md'), 'utf8')).toBe(
      readFileSync(join(root, 'docs', 'spec.md'), 'utf8'),
    );
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(
      Object.keys(manifest.dependencies).filter((name) => name.startsWith('@approute/')),
    ).toEqual([]);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string }>;
    };
    const fromRegistry = Object.entries(lock.packages)
      .filter(([path]) => /node_modules\/(@approute\/|approute$)/.test(path))
      .filter(([, entry]) => !entry.resolved?.startsWith('file:'));
    expect(fromRegistry).toEqual([]);
  });

  it('passes on the installed approute on Node, and on its web bundle under Bun with --runtime bun', async () => {
    const copied = await npx(['approute-conformance', 'fixtures', './fx']);
    expect(copied.code, copied.stderr).toBe(0);
    const built = await npx(['approute', 'build', './fx', '--target', 'web'], 120_000);
    expect(built.code, built.stderr).toBe(0);
    await writeFile(
      join(project, 'serve-bun.mjs'),
      [
        "const app = (await import('./fx/.approute/web/index.mjs')).default;",
        "const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (r, s) => app.fetch(r, s) });",
        'console.log(`ready on http://127.0.0.1:${server.port}`);',
        '',
      ].join('\n'),
    );
    const [nodeUrl, bunUrl] = await Promise.all([
      serve(
        'npx',
        ['--no', '--', 'approute', 'start', './fx', '--port', '0'],
        /ready on (http:\/\/\S+)/,
      ),
      serve(bunBinary(), ['serve-bun.mjs'], /ready on (http:\/\/\S+)/),
    ]);

    const total = allCases.length;
    const onNode = await npx([
      'approute-conformance',
      '--url',
      nodeUrl,
      '--runtime',
      'node',
      '--summary',
    ]);
    expect(onNode.stderr).toContain(`running ${total} cases against ${nodeUrl} (on node)`);
    expect(onNode.stdout).toContain(`url                    ${total} pass, 0 fail\n`);
    expect(onNode.code).toBe(0);

    const limits = Object.keys(runtimeLimits('bun')).length;
    const onBun = await npx([
      'approute-conformance',
      '--url',
      bunUrl,
      '--runtime',
      'bun',
      '--summary',
    ]);
    expect(onBun.stdout).toContain(
      `url                    ${total - limits} pass, 0 fail, ${limits} runtime limit\n`,
    );
    expect(onBun.stdout).toContain('runtime limits on url (bun), not counted as failures:');
    expect(onBun.code).toBe(0);

    // Without --runtime the same answers are failures: the flag is what tells them apart.
    const multipart = allCases.filter((c) => c.id.includes('request/form-multipart')).length;
    const limited = Object.keys(runtimeLimits('bun')).filter((id) =>
      id.includes('request/form-multipart'),
    ).length;
    expect(limited).toBeGreaterThan(0);
    const unmarked = await npx([
      'approute-conformance',
      '--url',
      bunUrl,
      '--filter',
      'request/form-multipart',
      '--summary',
    ]);
    expect(unmarked.stdout).toContain(
      `url                    ${multipart - limited} pass, ${limited} fail\n`,
    );
    expect(unmarked.code).toBe(1);
    await stopAll();
  }, 120_000);

  it('finds the installed approute for its own Node target, and says what the web targets need', async () => {
    const ran = await npx(
      [
        'approute-conformance',
        '--target',
        'approute-node20',
        '--target',
        'approute-bun',
        '--filter',
        'files/root-route',
        '--summary',
      ],
      120_000,
    );
    expect(ran.stdout).toContain('approute-node20        1 pass, 0 fail\n');
    expect(ran.stdout).toMatch(
      /approute-bun {11}unavailable: needs the runtime drivers of the approute repository \(@approute\/runtimes, not published\)/,
    );
    expect(ran.code).toBe(0);
  }, 120_000);
});
