// Where a server spends its time on one route: starts it with --cpu-prof, drives the route
// with the bench's load for a while, stops it (the profile is written on exit) and prints the
// functions with the most self time and the most total time (callees included), the approute
// packages' own functions marked. Usage:
//   node profile.mjs [--server approute] [--route /api/items] [--duration 10]
// (--server matches a name part of the bench's Node servers; the profile stays in prof/.)
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { hasWrk, load } from './lib/load.mjs';
import {
  buildApps,
  check,
  here,
  nodeServers,
  routes,
  startServer,
  stopServer,
} from './lib/setup.mjs';

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: 'approute (approute start)' },
    route: { type: 'string', default: 'GET /api/items' },
    duration: { type: 'string', default: '10' },
    top: { type: 'string', default: '25' },
  },
});
const server = nodeServers().find((s) => s.name.includes(values.server));
const route = routes.find((r) => r.name.includes(values.route) && !r.proxy);
if (!server || !route) throw new Error('no such server or route');
const dir = join(here, 'prof', `cpu-${Date.now()}`);
mkdirSync(dir, { recursive: true });

await buildApps();
const { child, url } = await startServer(process.execPath, [
  '--cpu-prof',
  '--cpu-prof-interval=100',
  `--cpu-prof-dir=${dir}`,
  ...server.args(false),
]);
try {
  await check(url, route, server.name);
  const result = await load(hasWrk ? 'wrk' : 'autocannon', url, route, values.duration, 32);
  process.stderr.write(`${server.name} ${route.name}: ${Math.round(result.rps)} req/s\n`);
} finally {
  await stopServer(child);
}

const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile in ${dir}`);
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));

// Self samples per node, then per function (name + place); total = samples in the function or
// below it, each sample counted once per function even under recursion.
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const selfCount = new Map();
for (const id of profile.samples) selfCount.set(id, (selfCount.get(id) ?? 0) + 1);
const keyOf = (node) => {
  const { functionName, url: source, lineNumber } = node.callFrame;
  const file = source.startsWith('file://')
    ? relative(join(here, '../..'), source.slice(7))
    : source;
  const place = source ? `${file}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${place}`.trim();
};
const self = new Map();
const total = new Map();
for (const [id, count] of selfCount) {
  const node = byId.get(id);
  self.set(keyOf(node), (self.get(keyOf(node)) ?? 0) + count);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const key = keyOf(byId.get(at));
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + count);
  }
}
// Percentages are of the samples in which the server was busy (not idle).
const idle = [...self].filter(([key]) => /^\((idle|program|garbage collector)\)/.test(key));
const all = profile.samples.length - (self.get('(idle)') ?? 0);
const mark = (key) => (/packages\/(request|node|router|web|cli)\//.test(key) ? '*' : ' ');
const show = (title, map) => {
  console.log(`\n${title} (% of ${all} busy samples; * = approute's packages)`);
  const sorted = [...map].filter(([key]) => key !== '(idle)').sort((a, b) => b[1] - a[1]);
  for (const [key, count] of sorted.slice(0, Number(values.top)))
    console.log(`${mark(key)} ${((count / all) * 100).toFixed(1).padStart(5)} %  ${key}`);
};
console.log(`${server.name}, ${route.name}, profile ${relative(here, join(dir, file))}`);
console.log(
  `of all ${profile.samples.length} samples: ${idle.map(([key, count]) => `${key} ${((count / profile.samples.length) * 100).toFixed(1)} %`).join(', ')}`,
);
show('self time', self);
show("total time, approute's packages", new Map([...total].filter(([key]) => mark(key) === '*')));
