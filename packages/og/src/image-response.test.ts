import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { element } from '../test/element.mjs';
import { ImageResponse } from './node.js';

const run = promisify(execFile);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// What Next.js's own stack (@vercel/og 1.0.1) draws, in a separate Node process.
async function vercelOg(
  text: string,
  options: { width: number; height: number },
  noSharp: boolean,
) {
  const args = [
    ...(noSharp ? ['--import', pathToFileURL(here('../test/no-sharp.mjs')).href] : []),
    here('../test/vercel-og.mjs'),
    JSON.stringify({ text, ...options }),
  ];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 24 });
  return new Uint8Array(Buffer.from(stdout, 'base64'));
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('ImageResponse on Node', () => {
  it('answers a PNG with the headers Next.js sends in production', async () => {
    const response = new ImageResponse(element(createElement, 'Acme'), { width: 600, height: 315 });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const png = new Uint8Array(await response.arrayBuffer());
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 600, height: 315 });
  });

  it('draws the same bytes as @vercel/og 1.0.1 with sharp, as Next.js does on Node', async () => {
    const ours = new Uint8Array(
      await new ImageResponse(element(createElement, 'Hello'), {
        width: 1200,
        height: 630,
      }).arrayBuffer(),
    );
    const theirs = await vercelOg('Hello', { width: 1200, height: 630 }, false);
    expect(ours.length).toBeGreaterThan(1000);
    expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
  });

  it('takes status, statusText and headers, which override its own', async () => {
    const response = new ImageResponse(element(createElement, 'x'), {
      status: 201,
      statusText: 'Made',
      headers: { 'cache-control': 'no-store', 'x-extra': '1' },
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-extra')).toBe('1');
    expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({
      width: 1200,
      height: 630,
    });
  });

  it('fails the body, not the constructor, when the element cannot be drawn', async () => {
    // satori refuses a <div> with several children and no display: flex.
    const bad = createElement(
      'div',
      null,
      createElement('span', null, 'a'),
      createElement('span', null, 'b'),
    );
    const response = new ImageResponse(bad);
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow(/display: flex/);
  });

  it('is named ImageResponse, as Next.js names it', () => {
    expect(ImageResponse.displayName).toBe('ImageResponse');
    expect(ImageResponse.name).toBe('ImageResponse');
  });
});

describe('ImageResponse in a bundle for fetch runtimes', () => {
  let dir: string;
  let bundled: typeof ImageResponse;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'approute-og-'));
    // As approute's web bundle: platform neutral, everything inside, no node condition.
    await build({
      entryPoints: [here('./index.ts')],
      outfile: join(dir, 'og.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2022',
      logLevel: 'silent',
      plugins: [
        {
          // The workerd-only `import('x.wasm')` stays an import (approute's bundler writes the file).
          name: 'wasm-imports',
          setup(pluginBuild) {
            pluginBuild.onResolve({ filter: /\.wasm$/ }, (args) =>
              args.with.type === 'bytes' ? undefined : { path: args.path, external: true },
            );
          },
        },
      ],
    });
    await writeFile(join(dir, 'package.json'), '{"type":"module"}');
    ({ ImageResponse: bundled } = (await import(pathToFileURL(join(dir, 'og.mjs')).href)) as {
      ImageResponse: typeof ImageResponse;
    });
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('draws with resvg the same bytes as @vercel/og 1.0.1 without sharp (Next.js on the edge)', async () => {
    const ours = new Uint8Array(
      await new bundled(element(createElement, 'Hello'), {
        width: 1200,
        height: 630,
      }).arrayBuffer(),
    );
    const theirs = await vercelOg('Hello', { width: 1200, height: 630 }, true);
    expect(pngSize(ours)).toEqual({ width: 1200, height: 630 });
    expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
  });
});
