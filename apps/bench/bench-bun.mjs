// The same routes on Bun: approute's web bundle (`approute build --target web`) against Hono on
// Bun and a bare fetch handler, each served by tools/runtimes' Bun.serve launcher, driven one
// after another with the same load (wrk -t1 -c32 when installed). Prints req/s, p99, the ratio
// to the bare handler and the server's CPU time per request. Usage:
//   node bench-bun.mjs [--duration 5] [--rounds 3] [--connections 32] [--tool wrk|autocannon]
import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { bunBinary, startBun } from '@approute/runtimes';
import { cpuSeconds, hasWrk, load } from './lib/load.mjs';
import { check, cli, here, median, probeProxy, routes as allRoutes } from './lib/setup.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    route: { type: 'string' },
    tool: { type: 'string' },
  },
});
const tool = values.tool ?? (hasWrk ? 'wrk' : 'autocannon');
const run = promisify(execFile);
const BARE = 'bare Bun.serve fetch handler';
const BARE_ASYNC = 'bare Bun.serve, async handlers as in app/';

await run(process.execPath, [cli, 'build', '.', '--target', 'web'], { cwd: here });
const proxyBuilt = await run(process.execPath, [cli, 'build', 'proxy-app', '--target', 'web'], {
  cwd: here,
}).then(
  () => undefined,
  (error) => `approute build proxy-app --target web failed: ${String(error.stderr ?? error)}`,
);

const servers = [
  { name: BARE, bundle: () => join(here, 'servers/bare-fetch.mjs') },
  { name: 'Hono on Bun', bundle: () => join(here, 'servers/hono-bun.mjs') },
  {
    name: 'approute web bundle',
    bundle: (proxy) => join(here, proxy ? 'proxy-app' : '.', '.approute/web/index.mjs'),
  },
  // The bare handler with the route files' async shape: what that shape alone costs.
  { name: BARE_ASYNC, bundle: () => join(here, 'servers/bare-fetch-async.mjs') },
];
const routes = allRoutes.filter((route) => !values.route || route.name.includes(values.route));

// The proxy.ts row counts once approute's web bundle runs proxy-app's proxy.ts.
let noProxy = proxyBuilt;
if (!noProxy && routes.some((route) => route.proxy)) {
  const server = await startBun(servers[2].bundle(true));
  try {
    noProxy = await probeProxy(server.url);
  } finally {
    await server.stop();
  }
}
if (noProxy) process.stderr.write(`proxy.ts row: n/a, ${noProxy}\n`);

const results = new Map();
for (let round = 1; round <= Number(values.rounds); round++) {
  for (const server of servers) {
    for (const proxy of [false, true]) {
      const list = routes.filter((route) => !!route.proxy === proxy && !(proxy && noProxy));
      if (list.length === 0) continue;
      const bun = await startBun(server.bundle(proxy), {
        env: { NODE_ENV: 'production', ...(proxy ? { BENCH_PROXY: '1' } : {}) },
      });
      try {
        for (const route of list) {
          const body = await check(bun.url, route, server.name);
          await load(tool, bun.url, route, values.warmup, values.connections);
          const cpuBefore = cpuSeconds(bun.pid);
          const result = await load(tool, bun.url, route, values.duration, values.connections);
          const cpuUs = ((cpuSeconds(bun.pid) - cpuBefore) * 1e6) / result.total;
          const key = `${server.name}\t${route.name}`;
          results.set(key, [...(results.get(key) ?? []), { ...result, cpuUs }]);
          process.stderr.write(
            `round ${round} ${server.name.padEnd(30)} ${route.name.padEnd(34)} ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${cpuUs.toFixed(1)} µs CPU/req, body ${body}\n`,
          );
        }
      } finally {
        await bun.stop();
      }
    }
  }
}

const { stdout: bunVersion } = await run(bunBinary(), ['--version']);
console.log(
  `\n${new Date().toISOString().slice(0, 10)}, Bun ${bunVersion.trim()}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
);
console.log(
  `${tool === 'wrk' ? 'wrk -t1' : 'autocannon'} -c ${values.connections} -d ${values.duration} (after ${values.warmup} s warm-up), median of ${values.rounds} rounds, server and load generator on the same machine\n`,
);
console.log('| route | server | req/s | ratio to bare Bun.serve | p99 | server CPU per request |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const route of routes) {
  const baseline = median((results.get(`${BARE}\t${route.name}`) ?? []).map((r) => r.rps));
  if (!baseline) {
    console.log(`| ${route.name} | every server | n/a (${noProxy}) | | | |`);
    continue;
  }
  for (const server of servers) {
    const list = results.get(`${server.name}\t${route.name}`) ?? [];
    const rps = median(list.map((r) => r.rps));
    const errors = list.reduce((sum, r) => sum + r.errors, 0);
    console.log(
      `| ${route.name} | ${server.name} | ${Math.round(rps).toLocaleString('en-US')} | ${(rps / baseline).toFixed(2)} | ${median(list.map((r) => r.p99))} ms${errors ? ` (${errors} errors)` : ''} | ${median(list.map((r) => r.cpuUs)).toFixed(1)} µs |`,
    );
  }
}
