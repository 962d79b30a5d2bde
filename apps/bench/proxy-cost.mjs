/* global fetch */
// What a proxy.ts whose matcher does not match costs per request: the bench app served by
// `approute start` without a proxy, and with one of two proxies that never run for the routes
// measured (a prefix matcher, and the documented negative-lookahead one excluding them).
//
// The figure is CPU instructions per request in the server process, counted by valgrind's
// callgrind (`node --predictable`), which does not swing with the load of a shared machine:
// each app is run twice, answering W + N and W + 2N requests (one keep-alive connection, one
// request at a time), and the difference of the two totals over N is the steady-state cost of
// one request, startup and warm-up cancelled out. Throughput is inversely proportional to it
// on a CPU-bound server, so the ratio to the app without a proxy is the throughput ratio's
// inverse. `--wrk` also drives each app with wrk -t1 -c32 (req/s, median of rounds), which on
// two shared cores swings more than the difference measured.
// Usage: node proxy-cost.mjs [--requests 3000] [--warmup 3000] [--wrk] [--rounds 5] [--duration 5]
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    requests: { type: 'string', default: '3000' },
    'warmup-requests': { type: 'string', default: '3000' },
    wrk: { type: 'boolean', default: false },
  },
});
const here = fileURLToPath(new URL('.', import.meta.url));
const cli = fileURLToPath(new URL('node_modules/approute/bin/approute.js', import.meta.url));

const PROXY = (matcher) => `import { NextResponse } from 'next/server';

export function proxy() {
  return NextResponse.next({ headers: { 'x-proxy': 'ran' } });
}

export const config = { matcher: ${JSON.stringify(matcher)} };
`;
const variants = [
  { name: 'no proxy', proxy: undefined },
  {
    name: "proxy, matcher ['/api/private/:path*', '/admin/:path*']",
    proxy: ['/api/private/:path*', '/admin/:path*'],
  },
  { name: "proxy, matcher '/((?!hello|dashboard).*)'", proxy: '/((?!hello|dashboard).*)' },
];
const routes = [
  { name: 'GET /hello', path: '/hello', headers: {} },
  {
    name: 'GET /dashboard/[team]',
    path: '/dashboard/acme',
    headers: { cookie: 'session=abc123; theme=dark' },
  },
];

const root = await mkdtemp(join(tmpdir(), 'approute-proxy-cost-'));
for (const [index, variant] of variants.entries()) {
  variant.dir = join(root, String(index));
  await cp(join(here, 'app'), join(variant.dir, 'app'), { recursive: true });
  if (variant.proxy) await writeFile(join(variant.dir, 'proxy.ts'), PROXY(variant.proxy));
  await new Promise((resolve, reject) =>
    execFile(process.execPath, [cli, 'build', variant.dir], (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];
const when = `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`;

async function start(dir) {
  const child = spawn(process.execPath, [cli, 'start', dir, '--port', '0'], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let output = '';
  for await (const chunk of child.stdout) {
    output += String(chunk);
    const url = /ready on (http:\/\/\S+)/.exec(output)?.[1];
    if (url) return { child, url };
  }
  throw new Error(`approute start ${dir} did not start:\n${output}`);
}

async function stop(child) {
  const exited = once(child, 'exit');
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

function wrk(url, route, seconds) {
  const args = ['-t1', `-c${values.connections}`, `-d${seconds}s`];
  for (const [name, value] of Object.entries(route.headers)) args.push('-H', `${name}: ${value}`);
  args.push(`${url}${route.path}`);
  return new Promise((resolve, reject) =>
    execFile('wrk', args, (error, stdout) => {
      if (error) return reject(error);
      if (/Non-2xx|Socket errors/.test(stdout)) return reject(new Error(stdout));
      resolve(Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]));
    }),
  );
}

// The server's instruction count after answering `count` requests for one route.
async function instructions(variant, route, count) {
  const out = join(root, `callgrind-${process.hrtime.bigint()}`);
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      `--callgrind-out-file=${out}`,
      process.execPath,
      '--predictable',
      cli,
      'start',
      variant.dir,
      '--port',
      '0',
    ],
    {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  let url;
  for await (const chunk of child.stdout) {
    output += String(chunk);
    url = /ready on (http:\/\/\S+)/.exec(output)?.[1];
    if (url) break;
  }
  if (!url) throw new Error(`approute start under valgrind did not start:\n${output}`);
  const exited = once(child, 'exit');
  try {
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${url}${route.path}`, { headers: route.headers });
      await response.arrayBuffer();
      if (response.status !== 200 || response.headers.has('x-proxy'))
        throw new Error(`${variant.name} ${route.name}: ${response.status}, or the proxy ran`);
    }
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
  const total = /^(?:totals|summary):\s+(\d+)/m.exec(await readFile(out, 'utf8'));
  if (!total) throw new Error(`no totals in ${out}`);
  return Number(total[1]);
}

try {
  for (const route of routes) {
    for (const variant of variants) {
      const n = Number(values.requests);
      const warm = Number(values['warmup-requests']);
      const short = await instructions(variant, route, warm + n);
      const long = await instructions(variant, route, warm + 2 * n);
      const perRequest = (long - short) / n;
      variant.instructions = { ...variant.instructions, [route.name]: perRequest };
      process.stderr.write(
        `${variant.name.padEnd(56)} ${route.name.padEnd(22)} ${Math.round(perRequest)} instructions per request\n`,
      );
    }
  }
  console.log(`\n${when}`);
  console.log(
    `approute start under valgrind --tool=callgrind, node --predictable; (W + 2N) − (W + N) requests, N = ${values.requests}, W = ${values['warmup-requests']}\n`,
  );
  console.log('| route | app | instructions per request | ratio to no proxy | throughput ratio |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const route of routes) {
    const base = variants[0].instructions[route.name];
    for (const variant of variants) {
      const count = variant.instructions[route.name];
      console.log(
        `| ${route.name} | ${variant.name} | ${Math.round(count).toLocaleString('en-US')} | ${(count / base).toFixed(4)} | ${(base / count).toFixed(4)} |`,
      );
    }
  }

  if (values.wrk) {
    const results = new Map();
    for (let round = 1; round <= Number(values.rounds); round++) {
      // Each round in another order, so that neither drift nor warm-up favours one variant.
      const order = round % 2 ? variants : [...variants].reverse();
      for (const variant of order) {
        const { child, url } = await start(variant.dir);
        try {
          for (const route of routes) {
            const check = await fetch(`${url}${route.path}`, { headers: route.headers });
            await check.text();
            if (check.status !== 200 || check.headers.has('x-proxy'))
              throw new Error(`${variant.name} ${route.name}: ${check.status}, or the proxy ran`);
            await wrk(url, route, values.warmup);
            const rps = await wrk(url, route, values.duration);
            const key = `${variant.name}\t${route.name}`;
            results.set(key, [...(results.get(key) ?? []), rps]);
            process.stderr.write(
              `round ${round} ${variant.name.padEnd(56)} ${route.name.padEnd(22)} ${Math.round(rps)} req/s\n`,
            );
          }
        } finally {
          await stop(child);
        }
      }
    }
    console.log(`\n${when}`);
    console.log(
      `approute start, wrk -t1 -c${values.connections} -d${values.duration}s (after ${values.warmup} s warm-up), median of ${values.rounds} rounds\n`,
    );
    console.log('| route | app | req/s | ratio to no proxy |');
    console.log('| --- | --- | --- | --- |');
    for (const route of routes) {
      const base = median(results.get(`no proxy\t${route.name}`));
      for (const variant of variants) {
        const rps = median(results.get(`${variant.name}\t${route.name}`));
        console.log(
          `| ${route.name} | ${variant.name} | ${Math.round(rps).toLocaleString('en-US')} | ${(rps / base).toFixed(3)} |`,
        );
      }
    }
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
