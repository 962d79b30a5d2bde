// Matching cost against app size: ns per `router.match()` for 10, 1,000 and 10,000 routes,
// next to a linear scan of path-to-regexp expressions over the same routes (what a router that
// tries every route in order pays). Run after a build: `pnpm --filter @approute/router bench`.
import { cpus, loadavg } from 'node:os';
import { match as compile } from 'path-to-regexp';
import { createManifest, createRouter } from '../dist/index.js';

// The route as a path-to-regexp pattern, for the linear scan.
function pattern(route) {
  const parts = route.segments.map((segment) => {
    if (segment.kind === 'static') return `/${segment.value}`;
    if (segment.kind === 'single') return `/:${segment.name}`;
    return segment.kind === 'catchall' ? `/*${segment.name}` : `{/*${segment.name}}`;
  });
  return parts.join('') || '/';
}

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

// The five path shapes: static hit, dynamic item, locale-prefixed page, catch-all, miss.
const shapes = (section, index) => [
  `/s${section}`,
  `/s${section}/items/42`,
  `/fr/p${section}`,
  `/docs${section}/a/b`,
  `/missing/${index}`,
];

// One path of each shape, in the middle of the app: every call looks the same, so this is
// the cost of the algorithm with the data hot in cache.
function samePaths(count) {
  return shapes(Math.floor(count / 8), 0);
}

// 200 paths spread over the whole app: what a server with varied traffic sees.
function spreadPaths(count) {
  const sections = Math.max(1, Math.floor(count / 4));
  return Array.from(
    { length: 200 },
    (_, index) => shapes((index * 7919) % sections, index)[index % 5],
  );
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

// Sizes are measured in turn, round after round, and each cell reports its median round, so
// that a burst of load on a shared machine moves one round rather than one column.
const ROUNDS = 7;
const setups = [10, 1_000, 10_000].map((count) => {
  const manifest = createManifest(appFiles(count));
  const router = createRouter(manifest, { load: () => Promise.resolve({}) });
  const linear = manifest.routes.map((route) =>
    compile(pattern(route), { sensitive: true, decode: false }),
  );
  return {
    count,
    match: (path) => router.match(path),
    scan: (path) => {
      for (const test of linear) if (test(path)) return true;
      return false;
    },
    same: samePaths(count),
    spread: spreadPaths(count),
    samples: { same: [], spread: [], linear: [] },
  };
});
for (let round = 0; round < ROUNDS; round++) {
  for (const setup of setups) {
    setup.samples.same.push(timePerOp(setup.match, setup.same, 100));
    setup.samples.spread.push(timePerOp(setup.match, setup.spread, 100));
    setup.samples.linear.push(timePerOp(setup.scan, setup.spread, 100));
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = setups.map((setup) => ({
  routes: setup.count,
  same: median(setup.samples.same),
  spread: median(setup.samples.spread),
  linear: median(setup.samples.linear),
}));

const ratio = (value) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
const format = (ns) =>
  ns >= 10_000
    ? `${Math.round(ns / 1000).toLocaleString('en-US')} µs`
    : `${Math.round(ns).toLocaleString('en-US')} ns`;
console.log(
  `router.match() per path, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), load average ${loadavg()[0]?.toFixed(1)}\n`,
);
console.log(
  '| routes | approute, same 5 paths | approute, 200 spread paths | linear path-to-regexp scan, 200 spread paths | scan / approute |',
);
console.log('| ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(
    `| ${row.routes.toLocaleString('en-US')} | ${format(row.same)} | ${format(row.spread)} | ${format(row.linear)} | ${ratio(row.linear / row.spread)}× |`,
  );
}
