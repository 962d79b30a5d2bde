/* global fetch */
// Starts raw node:http, Hono on @hono/node-server and approute one after another, drives each
// with the same load on loopback (wrk -t1 when it is installed, as shared/PERFORMANCE.md
// measures; autocannon otherwise), and prints req/s, p99 and the ratio to raw node:http for
// each route. Usage: node bench.mjs [--duration 5] [--rounds 3] [--connections 32] [--tool wrk|autocannon]
import { execFile, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string' },
    breakdown: { type: 'boolean', default: false },
    tool: { type: 'string' },
  },
});
const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version prints its banner and exits 1; only a missing binary throws ENOENT.
    return error.code !== 'ENOENT';
  }
})();
const tool = values.tool ?? (hasWrk ? 'wrk' : 'autocannon');
if (tool === 'wrk' && !hasWrk)
  throw new Error('--tool wrk: wrk is not installed (Debian: apt-get install wrk)');
const here = fileURLToPath(new URL('.', import.meta.url));
const cli = fileURLToPath(new URL('node_modules/approute/bin/approute.js', import.meta.url));

// --breakdown: GET /hello only, through the adapter step by step, to show where time goes.
const servers = (
  values.breakdown
    ? [
        { name: 'raw node:http', args: ['servers/raw.mjs'] },
        { name: 'adapter, handler returns Response.json', args: ['servers/adapter-json.mjs'] },
        {
          name: 'the same inside AsyncLocalStorage.run()',
          args: ['servers/adapter-json.mjs'],
          env: { BENCH_SCOPE: '1' },
        },
        { name: 'approute (approute start)', args: [cli, 'start', '.', '--port', '0'] },
      ]
    : [
        { name: 'raw node:http', args: ['servers/raw.mjs'] },
        { name: 'Hono + @hono/node-server', args: ['servers/hono.mjs'] },
        { name: 'approute (approute start)', args: [cli, 'start', '.', '--port', '0'] },
        { name: 'approute adapter alone (no router)', args: ['servers/adapter.mjs'] },
      ]
).filter((server) => !values.only || server.name.includes(values.only));

const routes = [
  { name: 'GET /hello', path: '/hello', headers: {} },
  {
    name: 'GET /dashboard/[team]',
    path: '/dashboard/acme',
    headers: { cookie: 'session=abc123; theme=dark' },
  },
].filter((route) => !values.breakdown || route.path === '/hello');

async function start(server) {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...server.args],
    {
      cwd: here,
      env: { ...process.env, ...server.env, PORT: '0', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    },
  );
  let output = '';
  for await (const chunk of child.stdout) {
    output += String(chunk);
    const url = /ready on (http:\/\/\S+)/.exec(output)?.[1];
    if (url) return { child, url };
  }
  throw new Error(`${server.name} did not start:\n${output}`);
}

async function stop(child) {
  const exited = once(child, 'exit');
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

// CPU seconds the server process has used (Linux): a figure that other load on the machine
// disturbs far less than req/s does.
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

// wrk prints `Requests/sec: 61234.56` and, with --latency, `99%    1.62ms`.
function wrkLoad(url, route, seconds) {
  const args = ['-t1', `-c${values.connections}`, `-d${seconds}s`, '--latency'];
  for (const [name, value] of Object.entries(route.headers)) args.push('-H', `${name}: ${value}`);
  args.push(`${url}${route.path}`);
  return new Promise((resolve, reject) => {
    execFile('wrk', args, (error, stdout) => {
      if (error) return reject(error);
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
      const total = Number(/(\d+) requests in/.exec(stdout)?.[1]);
      const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(stdout);
      const p99ms = p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]] : Number.NaN;
      const errors =
        Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0) +
        (/Socket errors/.test(stdout) ? 1 : 0);
      resolve({
        requests: { average: rps, total },
        latency: { p99: Number(p99ms.toFixed(2)) },
        errors,
        non2xx: 0,
      });
    });
  });
}

function load(url, route, seconds) {
  if (tool === 'wrk') return wrkLoad(url, route, seconds);
  return autocannon({
    url: `${url}${route.path}`,
    headers: route.headers,
    connections: Number(values.connections),
    duration: Number(seconds),
  });
}

const results = new Map(); // `${server}\t${route}` -> [{ rps, p99, errors }]
for (let round = 1; round <= Number(values.rounds); round++) {
  for (const server of servers) {
    const { child, url } = await start(server);
    try {
      for (const route of routes) {
        const check = await fetch(`${url}${route.path}`, { headers: route.headers });
        const body = await check.text();
        if (check.status !== 200)
          throw new Error(`${server.name} ${route.name}: ${check.status} ${body}`);
        await load(url, route, values.warmup);
        const cpuBefore = cpuSeconds(child.pid);
        const result = await load(url, route, values.duration);
        const cpuUs = ((cpuSeconds(child.pid) - cpuBefore) * 1e6) / result.requests.total;
        const key = `${server.name}\t${route.name}`;
        const list = results.get(key) ?? [];
        list.push({
          rps: result.requests.average,
          p99: result.latency.p99,
          cpuUs,
          errors: result.errors + result.non2xx,
        });
        results.set(key, list);
        process.stderr.write(
          `round ${round} ${server.name.padEnd(40)} ${route.name.padEnd(22)} ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, ${cpuUs.toFixed(1)} µs CPU/req, body ${body}\n`,
        );
      }
    } finally {
      await stop(child);
    }
  }
}

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
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
  const baseline = median((results.get(`raw node:http\t${route.name}`) ?? []).map((r) => r.rps));
  for (const server of servers) {
    const list = results.get(`${server.name}\t${route.name}`) ?? [];
    const rps = median(list.map((r) => r.rps));
    const errors = list.reduce((sum, r) => sum + r.errors, 0);
    const ratio = baseline ? (rps / baseline).toFixed(2) : '–';
    const cpu = median(list.map((r) => r.cpuUs));
    console.log(
      `| ${route.name} | ${server.name} | ${Math.round(rps).toLocaleString('en-US')} | ${ratio} | ${median(list.map((r) => r.p99))} ms${errors ? ` (${errors} errors)` : ''} | ${cpu.toFixed(1)} µs |`,
    );
  }
}
