// The built `approute-conformance` command, spawned as a user runs it.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, packageRoot } from './lib/paths.js';
import type { ReportData } from './lib/report-json.js';
import { runtimeLimits } from './lib/runtime-limits.js';

const bin = join(packageRoot(), 'bin', 'approute-conformance.js');
const LIMITED = 'urls/backslash-inside';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = packageRoot()): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

let scratch: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'approute-conformance-cli-'));
  // Answers 200 with the same JSON to everything: it passes some cases and fails the rest.
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('approute-conformance, spawned', () => {
  it('prints its version', async () => {
    const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(await cli(['--version'])).toEqual({
      code: 0,
      stdout: `${manifest.version}\n`,
      stderr: '',
    });
  });

  it('names an unknown option, shows the usage and exits 2, without a stack', async () => {
    const ran = await cli(['--bogus', '--url', origin]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^approute-conformance: unknown option --bogus\n\nUsage: /);
    expect(ran.stderr).not.toMatch(/node:internal|ERR_PARSE_ARGS|\n\s+at /);
    expect(ran.stdout).toBe('');
  });

  it('exits 2 for a missing value, an unknown command, target or runtime', async () => {
    const wrong = await Promise.all([
      cli(['--url']),
      cli(['serve']),
      cli(['--target', 'nosuch']),
      cli(['--url', origin, '--runtime', 'nosuch']),
      cli(['--runtime', 'bun']),
      cli([]),
    ]);
    expect(wrong.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(wrong.map((r) => r.stderr.split('\n')[0])).toEqual([
      'approute-conformance: option --url needs a value',
      'approute-conformance: unknown command "serve"',
      'approute-conformance: unknown target "nosuch" (--list shows them)',
      'approute-conformance: unknown runtime "nosuch": use one of node, bun, deno, workerd, edge-runtime',
      "approute-conformance: --runtime describes the --url server; the suite's targets know theirs",
      'approute-conformance: give --url <origin> or --target <name>',
    ]);
  });

  it('treats a --filter that matches no case as an error (exit 2), so a typo cannot pass CI', async () => {
    const ran = await cli(['--url', origin, '--filter', 'methods/nosuch']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('no case id contains "methods/nosuch"');
    expect(ran.stdout).toBe('');
  });

  it('says in one line that nothing answers at the URL, before running any case', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const ran = await cli(['--url', `http://127.0.0.1:${port}`]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toBe(
      `approute-conformance: nothing answers at http://127.0.0.1:${port} (ECONNREFUSED): start ` +
        'the server that serves the fixture project first (approute-conformance fixtures <dir> ' +
        'copies it)\n',
    );
  });

  it('shows a case the --runtime cannot pass as "runtime limit" with the reason, not as a failure', async () => {
    const reason = runtimeLimits('bun')[LIMITED] ?? '';
    expect(reason).not.toBe('');
    const onBun = await cli([
      '--url',
      origin,
      '--runtime',
      'bun',
      '--filter',
      LIMITED,
      '--summary',
    ]);
    expect(onBun.code).toBe(0);
    expect(onBun.stdout).toContain('url                    0 pass, 0 fail, 1 runtime limit');
    expect(onBun.stdout).toContain(
      `runtime limits on url (bun), not counted as failures:\n  ${LIMITED}: ${reason}`,
    );

    const onNode = await cli([
      '--url',
      origin,
      '--runtime',
      'node',
      '--filter',
      LIMITED,
      '--summary',
    ]);
    expect(onNode.code).toBe(1);
    expect(onNode.stdout).toContain('url                    0 pass, 1 fail');
    expect(onNode.stdout).toContain(
      `failures on url:\n  ${LIMITED}: status: expected 308, got 200`,
    );
  });

  it('writes the Markdown, JSON and HTML reports with --report', async () => {
    const base = join(scratch, 'run');
    const ran = await cli([
      '--url',
      origin,
      '--runtime',
      'bun',
      '--filter',
      'urls/',
      '--report',
      base,
    ]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(`wrote ${base}.md, ${base}.json, ${base}.html`);
    const data = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as ReportData;
    expect(data.targets[0]).toMatchObject({ name: 'url', runtime: 'bun', status: 'ran' });
    expect(data.targets[0]?.outcomes?.[LIMITED]).toBe('limit');
    expect(data.targets[0]?.limits?.[LIMITED]).toBe(runtimeLimits('bun')[LIMITED]);
    const failed = Object.entries(data.targets[0]?.outcomes ?? {}).find(([, o]) => o === 'fail');
    expect(failed).toBeDefined();
    expect(data.targets[0]?.mismatches?.[failed?.[0] ?? '']).toMatchObject({ what: 'status' });
    const html = readFileSync(`${base}.html`, 'utf8');
    expect(html).toContain(`<code>${LIMITED}</code>`);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(readFileSync(`${base}.md`, 'utf8')).toContain('](');
  });

  it('replaces only the marked block of a README with --readme, whatever its prose names', async () => {
    const readme = join(scratch, 'README.md');
    const prose =
      'The block between `<!-- matrix:start -->` and `<!-- matrix:end -->` is generated.';
    await writeFile(
      readme,
      `# x\n\n${prose}\n\n<!-- matrix:start -->\nold\n<!-- matrix:end -->\n\nafter\n`,
    );
    const ran = await cli(['--url', origin, '--filter', LIMITED, '--summary', '--readme', readme]);
    expect(ran.stderr).toContain(`updated the matrix in ${readme}`);
    const text = readFileSync(readme, 'utf8');
    expect(text.startsWith(`# x\n\n${prose}\n\n<!-- matrix:start -->\nGenerated `)).toBe(true);
    expect(text).toContain(`| \`${LIMITED}\` | error | FAIL |`);
    expect(text).not.toContain('\nold\n');
    expect(text.endsWith('<!-- matrix:end -->\n\nafter\n')).toBe(true);
  });

  it('copies the fixture project with the fixtures command, without build output', async () => {
    const target = join(scratch, 'fx');
    const ran = await cli(['fixtures', target]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(`copied the fixture project to ${target}`);
    const copied = files(target);
    const left = /^(\.next|\.approute|\.vinext|\.opennext|node_modules)\/|^next-env\.d\.ts$/;
    expect(copied).toEqual(files(fixturesDir()).filter((file) => !left.test(file)));
    expect(copied).toContain('next.config.mjs');
    expect(copied.filter((file) => file.startsWith('app/')).length).toBeGreaterThan(50);

    const again = await cli(['fixtures', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `approute-conformance fixtures: ${target} is not empty: give a new or an empty folder\n`,
    );
    expect((await cli(['fixtures'])).code).toBe(2);
    expect(existsSync(join(scratch, 'fx', 'app', 'route.ts'))).toBe(true);
  });
});
