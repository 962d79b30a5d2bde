// Starts raw node:http, Hono on @hono/node-server, srvx, approute and the approute adapter alone
// one after another, drives each with the same load on loopback (wrk -t1 when it is installed,
// as shared/PERFORMANCE.md measures; autocannon otherwise), and prints req/s, p99, the ratio to
// raw node:http and the server's CPU time per request for each route. Servers run under the
// Node that runs this script. Usage:
//   node bench.mjs [--duration 5] [--rounds 3] [--connections 32] [--tool wrk|autocannon]
//                  [--only <server name part>] [--route <route name part>] [--breakdown]
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { cpuSeconds, hasWrk, load as drive } from './lib/load.mjs';
import {
  RAW,
  buildApps,
  check,
  cli,
  median,
  nodeServers,
  proxyUnsupported,
  routes as allRoutes,
  startServer,
  stopServer,
} from './lib/setup.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string' },
    route: { type: 'string' },
    breakdown: { type: 'boolean', default: false },
    tool: { type: 'string' },
  },
});
const load = (url, route, seconds) => drive(tool, url, route, seconds, values.connections);
const tool = values.tool ?? (hasWrk ? 'wrk' : 'autocannon');
if (tool === 'wrk' && !hasWrk)
  throw new Error('--tool wrk: wrk is not installed (Debian: apt-get install wrk)');

const same = () => ({});
// --breakdown: GET /hello only, through the adapter step by step, to show where time goes.
const servers = (
  values.breakdown
    ? [
        { name: RAW, args: () => ['servers/raw.mjs'], env: same },
        {
          name: 'adapter, handler returns Response.json',
          args: () => ['servers/adapter-json.mjs'],
          env: same,
        },
        {
          name: 'the same inside AsyncLocalStorage.run()',
          args: () => ['servers/adapter-json.mjs'],
          env: () => ({ BENCH_SCOPE: '1' }),
        },
        {
          name: 'approute (approute start)',
          args: () => [cli, 'start', '.', '--port', '0'],
          env: same,
        },
      ]
    : nodeServers()
).filter((server) => server.name === RAW || !values.only || server.name.includes(values.only));

const routes = allRoutes.filter(
  (route) =>
    (!values.breakdown || route.path === '/hello') &&
    (!values.route || route.name.includes(values.route)),
);

await buildApps();
const noProxy = routes.some((route) => route.proxy) ? await proxyUnsupported() : undefined;
if (noProxy) process.stderr.write(`proxy.ts row: n/a, ${noProxy}\n`);

const measured = (server, route) => !(route.proxy && (noProxy || server.noProxy));
const results = new Map(); // `${server}\t${route}` -> [{ rps, p99, cpuUs, errors }]
for (let round = 1; round <= Number(values.rounds); round++) {
  for (const server of servers) {
    // One process for the plain routes, another for the app with a proxy.ts.
    for (const proxy of [false, true]) {
      const list = routes.filter((route) => !!route.proxy === proxy && measured(server, route));
      if (list.length === 0) continue;
      const args = [
        ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        ...server.args(proxy),
      ];
      const { child, url } = await startServer(process.execPath, args, server.env(proxy));
      try {
        for (const route of list) {
          const body = await check(url, route, server.name);
          await load(url, route, values.warmup);
          const cpuBefore = cpuSeconds(child.pid);
          const result = await load(url, route, values.duration);
          const cpuUs = ((cpuSeconds(child.pid) - cpuBefore) * 1e6) / result.total;
          const key = `${server.name}\t${route.name}`;
          results.set(key, [...(results.get(key) ?? []), { ...result, cpuUs }]);
          process.stderr.write(
            `round ${round} ${server.name.padEnd(36)} ${route.name.padEnd(34)} ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${cpuUs.toFixed(1)} µs CPU/req, body ${body}\n`,
          );
        }
      } finally {
        await stopServer(child);
      }
    }
  }
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpu}`,
);
console.log(
  `${tool === 'wrk' ? 'wrk -t1' : 'autocannon'} -c ${values.connections} -d ${values.duration} (after ${values.warmup} s warm-up), median of ${values.rounds} rounds, server and load generator on the same machine\n`,
);
console.log('| route | server | req/s | ratio to raw node:http | p99 | server CPU per request |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const route of routes) {
  const baseline = median((results.get(`${RAW}\t${route.name}`) ?? []).map((r) => r.rps));
  for (const server of servers) {
    if (route.proxy && server.noProxy) continue;
    if (!measured(server, route)) {
      if (server.name === RAW)
        console.log(`| ${route.name} | every server | n/a (${noProxy}) | | | |`);
      continue;
    }
    const list = results.get(`${server.name}\t${route.name}`) ?? [];
    const rps = median(list.map((r) => r.rps));
    const errors = list.reduce((sum, r) => sum + r.errors, 0);
    const ratio = baseline ? (rps / baseline).toFixed(2) : '–';
    console.log(
      `| ${route.name} | ${server.name} | ${Math.round(rps).toLocaleString('en-US')} | ${ratio} | ${median(list.map((r) => r.p99))} ms${errors ? ` (${errors} errors)` : ''} | ${median(list.map((r) => r.cpuUs)).toFixed(1)} µs |`,
    );
  }
}
