// The import graph as Next's server build gives it, on the Node target and in the web bundle:
// next/* reached from npm packages (require and import) shares the request scope, CommonJS
// default imports get `exports.default`, a workspace package is compiled from TypeScript behind
// server-only, a package is loaded once, Next's external packages stay imports, and the build
// folder still works once the project has moved.
import { mkdir, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startBun } from '@approute/runtimes';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, useFixtures, waitFor } from '../src/lib/test-utils.js';

const fixture = useFixtures();
const requestPackage = fileURLToPath(new URL('../../request', import.meta.url));

/** The npm packages of the fixture, written as a flat node_modules (npm's layout). */
const PACKAGES: Record<string, string> = {
  'cjs-esmodule/package.json': '{ "name": "cjs-esmodule", "version": "1.0.0", "main": "index.js" }',
  'cjs-esmodule/index.js': `'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const headers = require('next/headers');
const shared = require('shared-pkg');
const util = require('node:util');
exports.default = function Marked() { return 'marked'; };
exports.themeFromRequire = async () => (await headers.cookies()).get('theme')?.value ?? null;
exports.sharedFromRequire = () => shared.shared;
exports.formatted = util.format('%s-%d', 'built-in', 1);
`,
  'cjs-plain/package.json': '{ "name": "cjs-plain", "version": "1.0.0" }',
  'cjs-plain/index.js': "module.exports = function plain() { return 'plain'; };\n",
  'esm-next/package.json':
    '{ "name": "esm-next", "version": "1.0.0", "type": "module", "exports": "./index.js" }',
  'esm-next/index.js': `import { cookies } from 'next/headers';
export default function esm() {}
export async function themeFromImport() { return (await cookies()).get('theme')?.value ?? null; }
`,
  'shared-pkg/package.json': '{ "name": "shared-pkg", "version": "1.0.0" }',
  'shared-pkg/index.js': 'exports.shared = { made: Math.random() };\n',
  'pg/package.json': '{ "name": "pg", "version": "8.0.0", "main": "index.js" }',
  'pg/index.js': "module.exports = { name: 'fake-pg' };\n",
};

async function project(): Promise<string> {
  const dir = await fixture('graph');
  for (const [file, text] of Object.entries(PACKAGES)) {
    const path = join(dir, 'node_modules', file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  await mkdir(join(dir, 'node_modules', '@acme'), { recursive: true });
  // As pnpm links a workspace package: a relative symlink to a folder outside node_modules.
  await symlink('../../packages/ui', join(dir, 'node_modules', '@acme', 'ui'));
  // As an install links approute's @approute/request.
  await mkdir(join(dir, 'node_modules', '@approute'), { recursive: true });
  await symlink(requestPackage, join(dir, 'node_modules', '@approute', 'request'));
  return dir;
}

const EXPECTED: Record<string, unknown> = {
  '/interop': {
    esModuleDefault: 'function',
    esModuleNamespaceDefault: 'function',
    plainDefault: 'function',
    plainCall: 'plain',
    esmDefault: 'function',
  },
  '/scope': { required: 'dark', imported: 'dark', sameShared: true, formatted: 'built-in-1' },
  '/workspace': { tenant: 'acme', kind: 'function' },
  '/external': { pg: 'fake-pg' },
};

async function answers(origin: string): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  for (const path of Object.keys(EXPECTED)) {
    const res = await request(`${origin}${path}`, {
      headers: { cookie: 'theme=dark', 'x-tenant': 'acme' },
    });
    seen[path] = res.statusCode === 200 ? await res.body.json() : await res.body.text();
  }
  return seen;
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the import graph on the Node target', () => {
  it('shares the request scope with npm packages, gives Next’s interop, compiles the workspace package', async () => {
    const dir = await project();
    const built = await runCli(['build', '.'], dir);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const app = await startCli(['start', '.', '--port', '0'], dir);
    try {
      expect(await answers(app.url)).toEqual(EXPECTED);
    } finally {
      await app.stop();
    }
    // Next's external packages stay an import of the project's copy, by name.
    const external = await readFile(join(dir, '.approute/server/app/external/route.mjs'), 'utf8');
    expect(external).toMatch(/from "pg"|require\("pg"\)/);
  });

  it('writes no absolute path into the build folder, which works once the project has moved', async () => {
    const dir = await project();
    expect((await runCli(['build', '.'], dir)).code).toBe(0);
    for (const file of await files(join(dir, '.approute')))
      expect(await readFile(file, 'utf8'), file).not.toContain(dir);
    // Moved one level deeper, so that a path relative to the old place would break.
    const moved = join(dirname(dir), `${dir.split('/').at(-1) ?? ''}-moved`, 'deeper');
    await mkdir(dirname(moved), { recursive: true });
    await rename(dir, moved);
    // Only the build: start serves it as a deployment holds it.
    await rename(join(moved, 'app'), join(moved, 'app-sources'));
    const app = await startCli(['start', '.', '--port', '0'], moved);
    try {
      expect(app.output()).toContain('no app folder to compare it with');
      expect(await answers(app.url)).toEqual(EXPECTED);
    } finally {
      await app.stop();
      await rename(moved, dir);
    }
  });
});

describe('the import graph in dev', () => {
  it('keeps the dependency layer between runs, until a bundled file changes; picks up new imports', async () => {
    const dir = await project();
    const interop = async (url: string) =>
      ((await (await request(`${url}/interop`)).body.json()) as { plainCall: string }).plainCall;
    const layer = join(dir, '.approute/dev/server/_deps');
    let app = await startCli(['dev', '.', '--port', '0'], dir);
    try {
      expect(await interop(app.url)).toBe('plain');
      // A package the app did not import before: a new layer, served at once.
      await writeFile(
        join(dir, 'app/external/route.ts'),
        "import plain from 'cjs-plain';\nimport esm from 'esm-next';\nexport const GET = () => Response.json({ pg: plain(), esm: typeof esm });\n",
      );
      await waitFor(async () => (await request(`${app.url}/external`)).statusCode === 200);
    } finally {
      await app.stop();
    }
    const before = (await readdir(layer)).sort();
    const state = await readFile(join(layer, 'state.json'), 'utf8');
    app = await startCli(['dev', '.', '--port', '0'], dir);
    try {
      expect(await interop(app.url)).toBe('plain');
      expect((await readdir(layer)).sort()).toEqual(before);
      expect(await readFile(join(layer, 'state.json'), 'utf8')).toBe(state);
    } finally {
      await app.stop();
    }
    // A bundled file changed (an npm package edited or reinstalled): the layer is built again.
    await writeFile(
      join(dir, 'node_modules/cjs-plain/index.js'),
      "module.exports = function plain() { return 'changed'; };\n",
    );
    app = await startCli(['dev', '.', '--port', '0'], dir);
    try {
      expect(await interop(app.url)).toBe('changed');
    } finally {
      await app.stop();
    }
  });
});

describe('the import graph in the web bundle', () => {
  it('answers as the Node target does, under Bun', { timeout: 60_000 }, async () => {
    const dir = await project();
    const built = await runCli(['build', '.', '--target', 'web'], dir);
    expect(built.stderr).toBe('');
    const server = await startBun(join(dir, '.approute/web/index.mjs'));
    try {
      expect(await answers(server.url)).toEqual(EXPECTED);
    } finally {
      await server.stop();
    }
  });

  it('loads on Node too: require() of built-ins in CommonJS packages becomes an import', async () => {
    const dir = await project();
    expect((await runCli(['build', '.', '--target', 'web'], dir)).code).toBe(0);
    const bundle = (await import(pathToFileURL(join(dir, '.approute/web/index.mjs')).href)) as {
      default: { fetch: (request: Request) => Promise<Response> };
    };
    const res = await bundle.default.fetch(
      new Request('http://app.test/scope', { headers: { cookie: 'theme=dark' } }),
    );
    expect(await res.json()).toEqual(EXPECTED['/scope']);
  });
});
