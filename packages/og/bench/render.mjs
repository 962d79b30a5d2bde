// Render time of ImageResponse, against Next.js's own stack in the same run (absolute times on a
// shared machine swing; compare the ratios). Run after `pnpm build`:
//   node bench/render.mjs [rounds]
// Warm: one 1200×630 image per round, the ways interleaved. Cold: a fresh process that imports
// the module and draws one image (what the first request after a start pays).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createElement } from 'react';
import { element } from '../test/element.mjs';

const rounds = Number(process.argv[2] ?? 40);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'og-bench-'));
await build({
  entryPoints: [here('../dist/index.js')],
  outfile: join(dir, 'web.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  logLevel: 'silent',
  plugins: [
    {
      name: 'wasm-imports',
      setup(b) {
        b.onResolve({ filter: /\.wasm$/ }, (args) =>
          args.with.type === 'bytes' ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
writeFileSync(join(dir, 'package.json'), '{"type":"module"}');

const modules = {
  '@approute/og, Node (sharp)': pathToFileURL(here('../dist/node.js')).href,
  '@approute/og, web bundle (resvg wasm)': pathToFileURL(join(dir, 'web.mjs')).href,
  '@vercel/og 1.0.1, Node (sharp; what Next.js runs)': '@vercel/og',
};

const draw = async (ImageResponse, i) =>
  new ImageResponse(element(createElement, `Acme ${i}`), {
    width: 1200,
    height: 630,
  }).arrayBuffer();

const loaded = {};
for (const [name, specifier] of Object.entries(modules)) {
  loaded[name] = (await import(specifier)).ImageResponse;
  await draw(loaded[name], -1);
}
const times = Object.fromEntries(Object.keys(modules).map((name) => [name, []]));
for (let i = 0; i < rounds; i++) {
  for (const [name, ImageResponse] of Object.entries(loaded)) {
    const start = performance.now();
    await draw(ImageResponse, i);
    times[name].push(performance.now() - start);
  }
}

const cold = {};
const script = join(dir, 'cold.mjs');
writeFileSync(
  script,
  `import { createElement } from ${JSON.stringify(pathToFileURL(here('../node_modules/react/index.js')).href)};
const start = performance.now();
const { ImageResponse } = await import(process.argv[2]);
await new ImageResponse(createElement('div', { style: { display: 'flex' } }, 'x')).arrayBuffer();
process.stdout.write(String(performance.now() - start));`,
);
for (const [name, specifier] of Object.entries(modules)) {
  const target = specifier.startsWith('@')
    ? pathToFileURL(here('../node_modules/@vercel/og/dist/index.node.js')).href
    : specifier;
  const runs = [];
  for (let i = 0; i < 5; i++)
    runs.push(Number(execFileSync(process.execPath, [script, target], { encoding: 'utf8' })));
  cold[name] = median(runs);
}
rmSync(dir, { recursive: true, force: true });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
const reference = median(times['@vercel/og 1.0.1, Node (sharp; what Next.js runs)']);
console.log(`| way | warm median (ms) | vs Next.js's stack | cold: import + first image (ms) |`);
console.log('| --- | ---: | ---: | ---: |');
for (const name of Object.keys(modules)) {
  const warm = median(times[name]);
  console.log(
    `| ${name} | ${warm.toFixed(1)} | ${(warm / reference).toFixed(2)}x | ${cold[name].toFixed(0)} |`,
  );
}
