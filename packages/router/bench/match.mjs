// Matching cost against app size: ns per `router.match()` for 10, 1,000 and 10,000 routes,
// next to a linear scan of path-to-regexp expressions over the same routes (what a router that
// tries every route in order pays). Run after a build: `pnpm --filter @approute/router bench`.
import { cpus } from 'node:os';
import { match as compile } from 'path-to-regexp';
import { createManifest, createRouter } from '../dist/index.js';

// A realistic mix: static pages, nested dynamic pages, catch-alls, and a locale prefix.
function appFiles(count) {
  const files = [];
  for (let index = 0; files.length < count; index++) {
    files.push(`s${index}/route.ts`);
    if (files.length < count) files.push(`s${index}/items/[id]/route.ts`);
    if (files.length < count) files.push(`[locale]/p${index}/route.ts`);
    if (files.length < count) files.push(`docs${index}/[...slug]/route.ts`);
  }
  return files;
}

function pathsFor(count) {
  const paths = [];
  for (let index = 0; index < 200; index++) {
    const section = Math.floor((index * 7919) % Math.max(1, count / 4));
    paths.push(
      [`/s${section}`, `/s${section}/items/42`, `/fr/p${section}`, `/docs${section}/a/b`, `/missing/${index}`][index % 5],
    );
  }
  return paths;
}

function timePerOp(fn, paths, budgetMs) {
  for (let round = 0; round < 3; round++) for (const path of paths) fn(path); // warm up
  let operations = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(budgetMs) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budget) {
    for (const path of paths) fn(path);
    operations += paths.length;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / operations;
}

const rows = [];
for (const count of [10, 1_000, 10_000]) {
  const manifest = createManifest(appFiles(count));
  const router = createRouter(manifest, { load: () => Promise.resolve({}) });
  const linear = manifest.routes.map((route) => compile(route.pathname, { sensitive: true, decode: false }));
  const scan = (path) => {
    for (const test of linear) if (test(path)) return true;
    return false;
  };
  const paths = pathsFor(count);
  const fast = timePerOp((path) => router.match(path), paths, 400);
  const slow = timePerOp(scan, paths, 400);
  rows.push({ routes: count, approute: fast, linear: slow });
}

const format = (ns) => (ns >= 10_000 ? `${Math.round(ns / 1000).toLocaleString('en-US')} µs` : `${Math.round(ns).toLocaleString('en-US')} ns`);
console.log(`router.match() per path, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores)\n`);
console.log('| routes | approute match | linear path-to-regexp scan | scan / approute |');
console.log('| ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(`| ${row.routes.toLocaleString('en-US')} | ${format(row.approute)} | ${format(row.linear)} | ${(row.linear / row.approute).toFixed(0)}× |`);
}
const [small, , large] = rows;
console.log(`\napproute at 10,000 routes costs ${(large.approute / small.approute).toFixed(2)}× what it costs at 10.`);
