import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteManifest } from '@approute/router';
import { buildWebBundle } from '../../src/lib/build-web.ts';
import { CliError } from '../../src/lib/errors.ts';
import { scanApp } from '../../src/lib/scan.ts';

const projectDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
let outDir: string;
let manifest: RouteManifest;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'approute-web-build-'));
  manifest = await scanApp(projectDir);
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('buildWebBundle', () => {
  it('writes one ES module that imports nothing but node: built-ins', async () => {
    const outFile = join(outDir, 'app.mjs');
    const bundle = await buildWebBundle({
      projectDir,
      manifest,
      outFile,
      conditions: ['source'],
    });
    expect(bundle).toMatchObject({ outFile, routes: manifest.routes.length });
    const code = await readFile(outFile, 'utf8');
    expect(bundle.bytes).toBe(Buffer.byteLength(code));
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
    // The scope storage, and the AsyncLocalStorage global Next's edge runtime defines.
    expect(new Set(imports)).toEqual(new Set(['node:async_hooks']));
    expect(code).toMatch(/^export \{\n {2}\w+ as default\n\};$/m);
  });

  it('bundles @approute/request once, so every route shares one request scope', async () => {
    const outFile = join(outDir, 'scope.mjs');
    await buildWebBundle({
      projectDir,
      manifest,
      outFile,
      conditions: ['source'],
    });
    const code = await readFile(outFile, 'utf8');
    // Routes import next/server and next/headers, the router imports @approute/request.
    expect(code.match(/new AsyncLocalStorage\d*\(/g)).toHaveLength(1);
  });

  it('embeds answers prerendered at build and serves them without running the handler', async () => {
    const outFile = join(outDir, 'prerendered.mjs');
    const entry = {
      status: 200,
      statusText: '',
      headers: [
        ['content-type', 'application/octet-stream'],
        ['cache-control', 's-maxage=31536000'],
      ] as [string, string][],
      body: new Uint8Array([0, 1, 2, 250, 255]),
      timestamp: Date.now(),
      revalidate: false as const,
      expire: 31_536_000,
      tags: ['_N_T_/layout', '_N_T_/logo.bin/route', '_N_T_/logo.bin'],
    };
    await buildWebBundle({
      projectDir,
      manifest,
      outFile,
      conditions: ['source'],
      prerendered: [{ path: '/static', route: '/static', entry }],
    });
    const app = (await import(pathToFileURL(outFile).href)) as {
      default: { fetch: (request: Request) => Promise<Response> };
    };
    const response = await app.default.fetch(new Request('http://localhost/static'));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(entry.body);
    expect(response.headers.get('cache-control')).toBe('s-maxage=31536000');
  });

  it('names the file and the supported entries when a route imports another next/* module', async () => {
    const attempt = buildWebBundle({
      projectDir: fileURLToPath(new URL('./bad/', import.meta.url)),
      manifest: {
        version: 2,
        routes: [
          {
            id: '/image',
            segments: [{ kind: 'static', value: 'image' }],
            file: 'app/image/route.ts',
          },
        ],
      },
      outFile: join(outDir, 'bad.mjs'),
      conditions: ['source'],
    });
    await expect(attempt).rejects.toBeInstanceOf(CliError);
    await expect(attempt).rejects.toThrow(
      /image\/route\.ts:1:\d+: "next\/image" is not available outside Next\.js \(imported by app\/image\/route\.ts\): approute provides next\/server, next\/headers, next\/navigation, next\/cache, next\/og\./,
    );
  });

  it('names the importer, the name and what approute provides for a missing next/* export', async () => {
    const attempt = buildWebBundle({
      projectDir: fileURLToPath(new URL('./bad/', import.meta.url)),
      manifest: {
        version: 2,
        routes: [
          {
            id: '/missing',
            segments: [{ kind: 'static', value: 'missing' }],
            file: 'app/missing/route.ts',
          },
        ],
      },
      outFile: join(outDir, 'bad.mjs'),
      conditions: ['source'],
    });
    await expect(attempt).rejects.toThrow(
      /app\/missing\/route\.ts:1:\d+: app\/missing\/route\.ts imports "userAgentOfSomething" from "next\/server", which approute's next\/server does not provide\. It provides: [^\n]*NextResponse/,
    );
  });

  it('refuses a manifest file outside the app folder', async () => {
    const attempt = buildWebBundle({
      projectDir,
      manifest: { version: 2, routes: [{ id: '/x', segments: [], file: '../outside/route.ts' }] },
      outFile: join(outDir, 'outside.mjs'),
    });
    await expect(attempt).rejects.toThrow(
      /Route file "\.\.\/outside\/route\.ts" must be relative to/,
    );
  });
});
