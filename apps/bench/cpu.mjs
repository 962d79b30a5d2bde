// CPU instructions per request for each server and route, counted by valgrind's callgrind: a
// figure that, unlike req/s on a shared machine, comes out the same run after run. Each server
// runs under `valgrind --tool=callgrind --instr-atstart=no` with `node --predictable`; for each
// route a keep-alive client (lib/client.mjs, one connection, one request at a time) sends the
// warm-up requests uninstrumented, then callgrind_control switches instrumentation on and
// zeroes the counters, and the client sends --requests requests in --windows windows, each
// closed by a dump; the figure is all windows' instructions over all their requests. Method
// and repeatability: README.md.
// Usage:
//   node cpu.mjs [--requests 5000] [--warmup 20000] [--windows 5] [--v8 --predictable]
//                [--node 20,26|all] [--repeat 2] [--only <server part>] [--route <route part>]
//                [--names] [--approute <checkout>] [--bun [--bundle <file>]...]
// The dumps stay in prof/callgrind/ for callgrind_annotate. --names also runs the servers with
// --perf-basic-prof and keeps each one's perf map beside its dumps, so that
// `node lib/callgrind-names.mjs <dump> <map>` names the JIT-compiled JavaScript in them.
// Under --bun, --names has Bun print where JavaScriptCore puts its code instead
// (BUN_JSC_dumpDisassembly) and writes the perf map from that.
// --approute measures `approute start` of another checkout of this repository (its
// apps/bench app, built and started with its own CLI) beside this one's and raw node:http, e.g. a
// `git worktree` at an older commit, for before/after tables. --bun measures the Bun servers of
// bench-bun.mjs instead (the bare Bun.serve handler is the baseline; JavaScriptCore has no
// --predictable, so its background JIT threads count as they run).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, promisify } from 'node:util';
import { nodeBinary } from '@approute/node-runtimes';
import { bunBinary } from '@approute/runtimes';
import { openClient } from './lib/client.mjs';
import { jscCodeMap } from './lib/jsc-code-map.mjs';
import {
  RAW,
  buildApps,
  cli,
  here,
  median,
  nodeServers,
  parts,
  proxyUnsupported,
  routes as allRoutes,
  startServer,
  stopServer,
} from './lib/setup.mjs';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '5000' },
    warmup: { type: 'string', default: '20000' },
    node: { type: 'string' },
    repeat: { type: 'string', default: '1' },
    windows: { type: 'string', default: '5' },
    v8: { type: 'string', default: '--predictable' },
    parts: { type: 'boolean', default: false },
    only: { type: 'string' },
    route: { type: 'string' },
    names: { type: 'boolean', default: false },
    approute: { type: 'string' },
    bun: { type: 'boolean', default: false },
    bundle: { type: 'string', multiple: true },
  },
});
const WINDOWS = Number(values.windows);
const JSC_CODE_LOG = { BUN_JSC_dumpDisassembly: 'true' };
const V8_FLAGS = values.bun
  ? []
  : [...values.v8.split(' ').filter(Boolean), ...(values.names ? ['--perf-basic-prof'] : [])];
const N = Number(values.requests);
const WARMUP = Number(values.warmup);
const run = promisify(execFile);

// The Node binaries to measure under: this script's own by default.
const majors =
  values.node === 'all' ? ['20', '22', '24', '26'] : (values.node?.split(',') ?? [undefined]);
const nodes = values.bun
  ? [bunBinary()]
  : majors.map((major) => {
      if (!major || process.version.startsWith(`v${major}.`)) return process.execPath;
      const binary = nodeBinary(`node${major}`);
      if (!binary) throw new Error(`Node ${major} is not installed in tools/node-runtimes`);
      return binary;
    });

// --approute: the other checkout's approute, with raw node:http from this one.
const other = values.approute && resolve(values.approute);
const otherServer = other && {
  name: `approute at ${execFileSync('git', ['-C', other, 'rev-parse', '--short', 'HEAD']).toString().trim()}`,
  args: () => [
    join(other, 'apps/bench/node_modules/approute/bin/approute.js'),
    'start',
    join(other, 'apps/bench'),
    '--port',
    '0',
  ],
  env: () => ({}),
  noProxy: true,
};
// --bun: bench-bun.mjs's servers, each a fetch bundle under tools/runtimes' Bun.serve launcher.
const BARE = 'bare Bun.serve fetch handler';
const launcher = join(here, '../../tools/runtimes/launchers/serve.mjs');
const bunServer = (name, bundle) => ({
  name,
  args: (proxy) => [launcher, bundle(proxy), '127.0.0.1', '0'],
  env: (proxy) => (proxy ? { BENCH_PROXY: '1' } : {}),
});
const bunServers = [
  bunServer(BARE, () => join(here, 'servers/bare-fetch.mjs')),
  bunServer('Hono on Bun', () => join(here, 'servers/hono-bun.mjs')),
  bunServer('approute web bundle', (proxy) =>
    join(here, proxy ? 'proxy-app' : '.', '.approute/web/index.mjs'),
  ),
  // The bare handler with the route files' async shape: what that shape alone costs.
  bunServer('bare Bun.serve, async handlers as in app/', () =>
    join(here, 'servers/bare-fetch-async.mjs'),
  ),
  // --bundle: another fetch bundle beside them (a web build of another checkout, a variant).
  ...(values.bundle ?? []).map((file) => ({
    ...bunServer(`bundle ${file}`, () => resolve(file)),
    noProxy: true,
  })),
];
// --parts: /api/items taken apart, on the adapter alone (ratios to its Response.json answer).
const servers = values.bun
  ? bunServers.filter(
      (server) => server.name === BARE || !values.only || server.name.includes(values.only),
    )
  : otherServer
    ? [
        ...nodeServers().filter(
          (server) => server.name === RAW || server.name === 'approute (approute start)',
        ),
        otherServer,
      ]
    : values.parts
      ? nodeServers()
          .filter((server) => server.name.includes('adapter alone'))
          .map((server) => ({ ...server, env: () => ({ BENCH_PARTS: '1' }) }))
      : nodeServers().filter(
          (server) => server.name === RAW || !values.only || server.name.includes(values.only),
        );
const BASE = values.parts ? servers[0].name : values.bun ? BARE : RAW;
// --route takes one part of a route's name, or several separated by commas.
const routeParts = values.route?.split(',');
const routes = (values.parts ? parts : allRoutes).filter(
  (route) => !routeParts || routeParts.some((part) => route.name.includes(part)),
);
const outDir = join(here, 'prof', 'callgrind');
mkdirSync(outDir, { recursive: true });

/**
 * Runs one callgrind_control command on the server. callgrind acts on it when the process
 * next runs; if it sits in a system call (idle, waiting for a request) and vgdb cannot wake it,
 * the client sends requests until the command is done: those are counted and returned.
 */
async function control(pid, args, nudge) {
  const child = spawn('callgrind_control', [...args, String(pid)], { stdio: 'ignore' });
  const exited = once(child, 'exit');
  let nudges = 0;
  for (;;) {
    const done = await Promise.race([exited.then(() => true), sleep(500).then(() => false)]);
    if (done) return nudges;
    await nudge();
    nudges++;
  }
}

// The instructions a dump spent in code no object file holds (callgrind_annotate's `???`
// object): JIT-compiled JavaScript and the engine's generated stubs. Under Bun it varies far
// less between windows than the total, which GC and the compiler threads move.
function jitOf(file) {
  const text = execFileSync('callgrind_annotate', ['--threshold=100', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  let jit = 0;
  for (const line of text.split('\n')) {
    const match = /^\s*([\d,]+) .*\[\?\?\?\]\s*$/.exec(line);
    if (match) jit += Number(match[1].replaceAll(',', ''));
  }
  return jit;
}

function totalOf(file) {
  const match = /^(?:totals|summary):\s+(\d+)/m.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`no totals in ${file}`);
  return Number(match[1]);
}

async function measure(node, server, proxy, list, tag) {
  const base = join(outDir, `run-${process.pid}`);
  const args = [
    '--tool=callgrind',
    '--instr-atstart=no',
    `--callgrind-out-file=${base}`,
    node,
    ...V8_FLAGS,
    ...server.args(proxy),
  ];
  // --names under Bun: JavaScriptCore prints where it puts each piece of code it generates
  // (lib/jsc-code-map.mjs turns that into a perf map).
  const env = { ...server.env(proxy), ...(values.names && values.bun ? JSC_CODE_LOG : {}) };
  const { child, url, output } = await startServer('valgrind', args, env, 300_000);
  const client = await openClient(url);
  const figures = [];
  try {
    for (const route of list) {
      const get = () => client.get(route.path, route.headers);
      const first = await get();
      if (first.status !== 200)
        throw new Error(`${server.name} ${route.name}: ${first.status} ${first.body}`);
      for (let i = 0; i < WARMUP; i++) await get();
      await control(child.pid, ['--instr=on'], get);
      await control(child.pid, ['--zero'], get);
      // WINDOWS windows of N / WINDOWS requests, each closed by a dump (which zeroes the
      // counters again): nudges sent before a dump is taken are in its window (the one it is
      // taken in, in part, as the one that opened the window was).
      const perWindow = [];
      let nudges = 0;
      let total = 0;
      let jit = 0;
      let requests = 0;
      for (let w = 0; w < WINDOWS; w++) {
        for (let i = 0; i < N / WINDOWS; i++) await get();
        const before = new Set(readdirSync(outDir));
        const sent = await control(child.pid, ['--dump'], get);
        nudges += sent;
        const dump = readdirSync(outDir).find(
          (file) => file.startsWith(`run-${process.pid}.`) && !before.has(file),
        );
        if (!dump) throw new Error(`callgrind wrote no dump for ${server.name} ${route.name}`);
        const instructions = totalOf(join(outDir, dump));
        total += instructions;
        if (values.bun) jit += jitOf(join(outDir, dump));
        requests += N / WINDOWS + sent;
        perWindow.push(instructions / (N / WINDOWS + sent));
        const slug = `${tag}-${server.name}-${route.name}-${w + 1}`.replace(/[^a-z0-9]+/gi, '-');
        renameSync(join(outDir, dump), join(outDir, `${slug}.out`));
      }
      await control(child.pid, ['--instr=off'], get);
      // All windows together: a young-generation GC is a periodic cost, not an outlier (on
      // Node 26 one costs ~18M instructions and comes every ~1,500 requests of approute's).
      const perRequest = total / requests;
      figures.push({
        route,
        perRequest,
        jitPerRequest: jit / requests,
        perWindow,
        nudges,
        reconnects: client.state.reconnects,
      });
      client.state.reconnects = 0;
    }
  } catch (error) {
    error.message += `\n${server.name} said:\n${output().slice(-4000)}`;
    throw error;
  } finally {
    client.close();
    await stopServer(child);
    // valgrind runs node in its own process: the perf map is named after the server's pid.
    const perfMap = `/tmp/perf-${child.pid}.map`;
    const mapFile = join(
      outDir,
      `${tag}-${server.name}-${proxy ? 'proxy-app' : 'app'}.map`.replace(/[^a-z0-9.]+/gi, '-'),
    );
    if (values.names && values.bun) {
      // The log too: the map names what it can, the log has the rest (the code's bytecode).
      writeFileSync(mapFile, jscCodeMap(output()));
      writeFileSync(mapFile.replace(/\.map$/, '.log'), output());
    } else if (values.names && existsSync(perfMap)) {
      copyFileSync(perfMap, mapFile);
      rmSync(perfMap);
    }
    for (const file of readdirSync(outDir))
      if (file.startsWith(`run-${process.pid}`)) rmSync(join(outDir, file));
  }
  return figures;
}

await buildApps();
if (values.bun) {
  await run(process.execPath, [cli, 'build', '.', '--target', 'web'], { cwd: here });
  await run(process.execPath, [cli, 'build', 'proxy-app', '--target', 'web'], { cwd: here });
}
const noProxy = routes.some((route) => route.proxy) ? await proxyUnsupported() : undefined;
if (noProxy) process.stderr.write(`proxy.ts row: n/a, ${noProxy}\n`);
const { stdout: valgrindVersion } = await run('valgrind', ['--version']);

for (const node of nodes) {
  const { stdout: version } = await run(node, ['--version']);
  const results = new Map(); // `${server}\t${route}` -> [instructions per request, per repeat]
  const windows = new Map(); // the same key -> every window's instructions per request
  const jits = new Map(); // the same key -> JIT-compiled code's instructions per request (--bun)
  for (let repeat = 1; repeat <= Number(values.repeat); repeat++) {
    for (const server of servers) {
      for (const proxy of [false, true]) {
        const list = routes.filter(
          (route) => !!route.proxy === proxy && !(proxy && (noProxy || server.noProxy)),
        );
        if (list.length === 0) continue;
        const tag = `${version.trim()}-${repeat}`;
        for (const {
          route,
          perRequest,
          jitPerRequest,
          perWindow,
          nudges,
          reconnects,
        } of await measure(node, server, proxy, list, tag)) {
          const key = `${server.name}\t${route.name}`;
          results.set(key, [...(results.get(key) ?? []), perRequest]);
          windows.set(key, [...(windows.get(key) ?? []), ...perWindow]);
          jits.set(key, [...(jits.get(key) ?? []), jitPerRequest]);
          process.stderr.write(
            `${version.trim()} #${repeat} ${server.name.padEnd(36)} ${route.name.padEnd(34)} ${Math.round(perRequest).toLocaleString('en-US')} instructions/request, windows ${perWindow.map((n) => Math.round(n / 100) / 10).join(' ')} k${nudges ? `, ${nudges} nudges` : ''}${reconnects ? `, ${reconnects} reconnects` : ''}\n`,
          );
        }
      }
    }
  }

  const repeats = Number(values.repeat);
  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, ${values.bun ? 'Bun' : 'Node'} ${version.trim()}, ${valgrindVersion.trim()} (callgrind), ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
  console.log(
    `${N} requests per route after ${WARMUP} uninstrumented warm-up requests, one keep-alive connection, ${values.bun ? 'bun' : `node ${V8_FLAGS.join(' ')}`}; instructions of the server (all threads) over the ${N} requests (${WINDOWS} windows)${repeats > 1 ? `, mean of ${repeats} runs` : ''}\n`,
  );
  console.log(
    `| route | server | instructions per request | ratio to ${values.parts ? 'the first row' : values.bun ? 'bare Bun.serve' : 'raw node:http'} | median window |${values.bun ? ' of which JIT-compiled code |' : ''}${repeats > 1 ? ' spread between runs |' : ''}`,
  );
  console.log(
    `| --- | --- | --- | --- | --- |${values.bun ? ' --- |' : ''}${repeats > 1 ? ' --- |' : ''}`,
  );
  const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
  for (const route of routes) {
    const raw = values.parts
      ? results.get(`${BASE}\t${parts[0].name}`)
      : results.get(`${BASE}\t${route.name}`);
    if (!raw) {
      console.log(
        `| ${route.name} | every server | n/a (${noProxy}) | | |${repeats > 1 ? ' |' : ''}`,
      );
      continue;
    }
    for (const server of servers) {
      const list = results.get(`${server.name}\t${route.name}`);
      if (!list) continue;
      const spread = ((Math.max(...list) - Math.min(...list)) / mean(list)) * 100;
      // A ratio above 1 is more instructions than raw node:http: the inverse of a req/s ratio.
      console.log(
        `| ${route.name} | ${server.name} | ${Math.round(mean(list)).toLocaleString('en-US')} | ${(mean(list) / mean(raw)).toFixed(2)} | ${Math.round(median(windows.get(`${server.name}\t${route.name}`))).toLocaleString('en-US')} |${values.bun ? ` ${Math.round(mean(jits.get(`${server.name}\t${route.name}`))).toLocaleString('en-US')} |` : ''}${repeats > 1 ? ` ${spread.toFixed(2)} % |` : ''}`,
      );
    }
  }
}
