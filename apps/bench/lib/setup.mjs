/* global fetch */
// What every bench script shares: the routes, the Node servers that serve them, starting and
// stopping a server, and whether approute runs proxy-app/proxy.ts yet.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const here = fileURLToPath(new URL('..', import.meta.url));
export const cli = fileURLToPath(
  new URL('../node_modules/approute/bin/approute.js', import.meta.url),
);
const cookie = { cookie: 'session=abc123; theme=dark' };

/**
 * The measured routes. `proxy: true` is /api/items served by an app with a proxy.ts whose
 * matcher does not match it (proxy-app/ for approute, the same check in front for the peers).
 */
export const routes = [
  { name: 'GET /hello', path: '/hello', headers: {} },
  { name: 'GET /dashboard/[team]', path: '/dashboard/acme', headers: cookie },
  { name: 'GET /api/items', path: '/api/items?q=shoe', headers: cookie },
  { name: 'GET /static (cached)', path: '/static', headers: {} },
  {
    name: 'GET /api/items, proxy.ts no match',
    path: '/api/items?q=shoe',
    headers: cookie,
    proxy: true,
  },
];

/**
 * GET /api/items taken apart, served by the approute adapter alone (servers/adapter.mjs): the
 * same answer with Response.json, then with one idiomatic piece each.
 */
export const parts = [
  ['Response.json, nothing read', '/parts/response-json'],
  ['NextResponse.json', '/parts/next-response-json'],
  ['nextUrl.searchParams.get', '/parts/next-url'],
  ['request.cookies.get', '/parts/request-cookies'],
].map(([name, path]) => ({ name: `${name} (${path})`, path: `${path}?q=shoe`, headers: cookie }));

/** The name of the baseline server, the one each ratio is taken against. */
export const RAW = 'raw node:http';

/**
 * The Node servers, in the order they run. `args(proxy)` are the arguments after `node`.
 * @param {{ adapter?: boolean }} options adapter: also the approute adapter without the router
 */
export function nodeServers({ adapter = true } = {}) {
  const peer = (name, file) => ({
    name,
    args: () => [file],
    env: (proxy) => (proxy ? { BENCH_PROXY: '1' } : {}),
  });
  const list = [
    peer(RAW, 'servers/raw.mjs'),
    peer('Hono + @hono/node-server', 'servers/hono.mjs'),
    peer('srvx (FastResponse)', 'servers/srvx.mjs'),
    {
      name: 'approute (approute start)',
      args: (proxy) => [cli, 'start', proxy ? 'proxy-app' : '.', '--port', '0'],
      env: () => ({}),
    },
  ];
  if (adapter)
    list.push({
      name: 'approute adapter alone (no router)',
      args: () => ['servers/adapter.mjs'],
      env: () => ({}),
      noProxy: true,
    });
  return list;
}

/**
 * Spawns a server in its own process group and waits for its `ready on <url>` line (or the
 * Bun launcher's `listening on <url>`).
 * @param {string} command the executable
 * @param {string[]} args its arguments
 * @param {Record<string, string>} env extra environment
 * @param {number} timeout ms
 */
export async function startServer(command, args, env = {}, timeout = 120_000) {
  const child = spawn(command, args, {
    cwd: here,
    env: { ...process.env, ...env, PORT: '0', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not start in ${timeout} ms:\n${output}`));
    }, timeout);
    let started = false;
    const onData = (chunk) => {
      output += String(chunk);
      // Once started, only collected (a server may print megabytes: Bun's code log).
      if (started) return;
      // `ready on` from approute and the Node servers, `listening on` from the Bun launcher.
      const url = /(?:ready|listening) on (http:\/\/\S+?)\/?(\s|$)/.exec(output)?.[1];
      if (!url) return;
      started = true;
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      resolve({ child, url, output: () => output });
    };
    const onExit = (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.once('exit', onExit);
  });
}

/** Stops a server started by {@link startServer}: SIGTERM to its group, then waits. */
export async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * One request, checked: a route that does not answer 200 would measure an error path.
 * @returns {Promise<string>} the body
 */
export async function check(url, route, label) {
  const response = await fetch(`${url}${route.path}`, { headers: route.headers });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`${label} ${route.name}: ${response.status} ${body}`);
  return body;
}

const run = promisify(execFile);

/** Builds the bench app and proxy-app with `approute build`, so that no start builds. */
export async function buildApps(node = process.execPath) {
  await run(node, [cli, 'build', '.'], { cwd: here });
  await run(node, [cli, 'build', 'proxy-app'], { cwd: here }).catch(() => undefined);
}

/**
 * Why the proxy.ts row cannot be measured yet, or `undefined` when approute runs proxy.ts:
 * proxy-app answers GET /admin/probe without a session cookie with the proxy's 307.
 */
export async function proxyUnsupported(node = process.execPath) {
  try {
    await run(node, [cli, 'build', 'proxy-app'], { cwd: here });
  } catch (error) {
    return `approute build proxy-app failed: ${String(error.stderr ?? error).split('\n')[0]}`;
  }
  const { child, url } = await startServer(node, [cli, 'start', 'proxy-app', '--port', '0']);
  try {
    return await probeProxy(url);
  } finally {
    await stopServer(child);
  }
}

/**
 * Whether the server at `url`, serving proxy-app, ran its proxy.ts: `undefined` when it did,
 * otherwise why not.
 */
export async function probeProxy(url) {
  const response = await fetch(`${url}/admin/probe`, { redirect: 'manual' });
  await response.arrayBuffer();
  if (response.status === 307 && response.headers.get('location')?.endsWith('/login'))
    return undefined;
  return `approute does not run proxy.ts yet (GET /admin/probe answered ${response.status})`;
}

/** The median of a list of numbers. */
export const median = (numbers) => {
  const sorted = [...numbers].filter((n) => !Number.isNaN(n)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : Number.NaN;
};
