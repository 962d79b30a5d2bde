#!/usr/bin/env node
// Drives real Next.js (`next build && next start`) over the proxy fixture projects and a few
// throw-away projects (matcher probes, build errors), and records every answer:
//   conformance/fixtures-proxy/OBSERVED.md                      what each request got
//   packages/router/src/lib/proxy/observed-matchers.json        the matcher table (data)
// Run from the repository: `node conformance/scripts/observe-proxy.mjs` (about 3 minutes).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const repo = join(root, '..');
const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next');
const nextVersion = JSON.parse(readFileSync(require.resolve('next/package.json'), 'utf8')).version;
const scratch = join(root, '.observe');
const only = process.argv[2];

// ---------------------------------------------------------------- processes

function start(cwd, args) {
  const child = spawn(process.execPath, [nextBin, ...args], {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (output += c));
  const exited = once(child, 'exit');
  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

async function build(cwd) {
  rmSync(join(cwd, '.next'), { recursive: true, force: true });
  const p = start(cwd, ['build']);
  const [code] = await p.exited;
  return { code, output: p.output() };
}

async function serve(cwd) {
  const port = 40000 + Math.floor(Math.random() * 20000);
  // `localhost`, the name `next start` uses when given none: with another --hostname (an IP),
  // Next.js sends a same-app rewrite to itself over HTTP (its proxy then runs again for the
  // destination), because the proxy's request.url says localhost.
  const p = start(cwd, ['start', '--port', String(port), '--hostname', 'localhost']);
  const deadline = Date.now() + 60_000;
  while (!/Ready in/.test(p.output())) {
    if (p.child.exitCode !== null) throw new Error(`next start exited:\n${p.output()}`);
    if (Date.now() > deadline) throw new Error(`next start timed out:\n${p.output()}`);
    await sleep(50);
  }
  return { ...p, origin: `http://localhost:${port}` };
}

// The colour codes Next.js prints.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the upstream server

function startUpstream() {
  const seen = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const entry = { method: req.method, url: req.url, headers: req.headers, body };
    seen.push(entry);
    if (req.url.startsWith('/upstream/cookie')) {
      res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': 'from-upstream=1; Path=/' });
      res.end('upstream with cookie');
      return;
    }
    res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
    res.write(JSON.stringify({ method: req.method, url: req.url, body }));
    await sleep(300);
    res.end('\n');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, seen, close: () => server.close() });
    });
  });
}

// ---------------------------------------------------------------- requests

const NOISE = new Set(['date', 'connection', 'keep-alive', 'vary']);

async function send(origin, probe) {
  const started = performance.now();
  const res = await request(origin + probe.path, {
    method: probe.method ?? 'GET',
    headers: probe.headers,
    body: probe.body,
  });
  const chunks = [];
  let text = '';
  for await (const chunk of res.body) {
    const t = chunk.toString('utf8');
    chunks.push({ at: Math.round(performance.now() - started), bytes: chunk.length });
    text += t;
  }
  const headers = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (!NOISE.has(name)) headers[name] = value;
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: res.statusCode, headers, text, json, chunks };
}

// What a route saw, without the headers every request carries.
function summarise(json) {
  if (!json || typeof json !== 'object' || !('headers' in json)) return json;
  const pick = (h) =>
    Object.fromEntries(
      Object.entries(h).filter(
        ([k]) => k.startsWith('x-') || k === 'cookie' || k === 'host' || k === 'forwarded',
      ),
    );
  return {
    ...json,
    headers: pick(json.headers),
    headersFn: pick(json.headersFn),
    headerNames: Object.keys(json.headers).sort(),
  };
}

// ---------------------------------------------------------------- projects

const projects = [];

projects.push({
  name: 'fixtures-proxy',
  dir: join(root, 'fixtures-proxy'),
  title: 'proxy.ts at the project root, named export `proxy`, matcher array',
  probes: (ctx) => [
    { path: '/next/plain' },
    {
      path: '/next/request-headers',
      headers: { 'x-replaced': 'by-client', 'x-removed': 'by-client', 'x-kept': 'by-client' },
    },
    { path: '/next/request-cookie', headers: { cookie: 'session=from-client' } },
    { path: '/next/request-object', headers: { cookie: 'a=1' } },
    { path: '/next/response-headers' },
    { path: '/next/both-headers' },
    { path: '/next/set-cookie?set-cookie=route=1,shared=route' },
    { path: '/next/set-cookie' },
    { path: '/next/status' },
    { path: '/next/undefined' },
    { path: '/next/same-header' },
    { path: '/next/read-body', method: 'POST', body: 'read twice' },
    { path: '/next/plain', method: 'POST', body: 'posted through the proxy' },
    {
      path: '/next/plain',
      headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
      note: 'the CVE-2025-29927 header does not skip the proxy',
    },
    {
      path: '/next/plain',
      headers: { 'x-middleware-rewrite': '/target/evil', 'x-middleware-next': '1' },
      note: 'x-middleware-* headers sent by a client',
    },
    { path: '/rewrite/to-target?orig=1' },
    { path: '/rewrite/no-query?orig=1' },
    { path: '/rewrite/next-url?orig=1' },
    { path: '/rewrite/with-headers' },
    { path: '/rewrite/set-cookie?set-cookie=route=1' },
    { path: '/rewrite/missing' },
    { path: '/rewrite/get-only' },
    { path: '/rewrite/get-only', method: 'POST', body: 'x' },
    { path: '/rewrite/encoded' },
    {
      path: '/rewrite/external?orig=1',
      method: 'POST',
      headers: { 'x-upstream': ctx.upstream.origin, 'content-type': 'text/plain', cookie: 'c=1' },
      body: 'body for the upstream',
      upstream: true,
    },
    {
      path: '/rewrite/external-cookie',
      headers: { 'x-upstream': ctx.upstream.origin },
      upstream: true,
    },
    { path: '/rewrite/external-down' },
    { path: '/redirect/default' },
    { path: '/redirect/308' },
    { path: '/redirect/external' },
    { path: '/redirect/response' },
    { path: '/redirect/set-cookie' },
    { path: '/redirect/default', method: 'POST', body: 'x' },
    { path: '/respond/json' },
    { path: '/respond/next-response-json' },
    { path: '/respond/text' },
    { path: '/respond/text', method: 'HEAD' },
    { path: '/respond/empty' },
    { path: '/respond/location-200' },
    { path: '/respond/stream' },
    {
      path: '/respond/preflight',
      method: 'OPTIONS',
      headers: { origin: 'https://a.example', 'access-control-request-method': 'POST' },
    },
    { path: '/respond/preflight' },
    { path: '/respond/method', method: 'PROPFIND' },
    { path: '/respond/body', method: 'POST', body: 'read by the proxy' },
    { path: '/later/wait-until?id=w1', state: 'w1' },
    { path: '/later/after?id=a1', state: 'a1' },
    { path: '/later/after-direct?id=a2', state: 'a2' },
    { path: '/throw/sync', logs: true },
    { path: '/throw/async', logs: true },
    { path: '/throw/after-wait-until', logs: true },
    { path: '/throw/not-a-response', logs: true },
    { path: '/throw/sync', method: 'POST', body: 'x', logs: true },
    { path: '/next/plain', note: 'the server still answers after the proxy threw' },
    { path: '/about' },
    { path: '/about/' },
    { path: '/about/a/b' },
    { path: '/aboutx' },
    { path: '/About' },
    { path: '/about.json' },
    { path: '/about/x.rsc' },
    { path: '/about/%61' },
    { path: '//about/a' },
    { path: '/nowhere/x' },
    { path: '/nowhere/x', method: 'POST', body: 'x' },
    { path: '/get-only', method: 'POST', body: 'x' },
    { path: '/get-only', method: 'DELETE' },
    { path: '/get-only', method: 'OPTIONS' },
    { path: '/get-only', method: 'HEAD' },
    { path: '/optional' },
    { path: '/optional/1' },
    { path: '/optional/1/2' },
    { path: '/plus' },
    { path: '/plus/1/2' },
    { path: '/digits/123' },
    { path: '/digits/12a' },
    { path: '/exact' },
    { path: '/exact/more' },
    { path: '/has/header' },
    { path: '/has/header', headers: { 'x-flag': 'on' } },
    { path: '/has/header', headers: { 'x-flag': 'yes' } },
    { path: '/has/header', headers: { 'x-flag': 'onion' } },
    { path: '/has/header', headers: { 'X-Flag': 'on' } },
    { path: '/has/cookie' },
    { path: '/has/cookie', headers: { cookie: 'session=abc' } },
    { path: '/has/cookie', headers: { cookie: 'session=' } },
    { path: '/has/query' },
    { path: '/has/query?mode=fast' },
    { path: '/has/query?mode=faster' },
    { path: '/has/query?mode=slow&mode=fast' },
    { path: '/has/query?mode=fast&mode=x' },
    { path: '/has/host' },
    { path: '/has/host', headers: { host: 'example.com' } },
    { path: '/has/host', headers: { host: 'localhost:3000' } },
    { path: '/has/missing' },
    { path: '/has/missing', headers: { 'x-skip': '1' } },
    { path: '/has/missing', headers: { cookie: 'skip=yes' } },
    { path: '/has/missing', headers: { cookie: 'skip=no' } },
    { path: '/has/both' },
    { path: '/has/both', headers: { 'x-a': '1' } },
    { path: '/has/both?b=1', headers: { 'x-a': '1' } },
    { path: '/echo/unmatched' },
    { path: '/' },
  ],
});

projects.push({
  name: 'fixtures-middleware',
  dir: join(root, 'fixtures-middleware'),
  title: 'src/middleware.ts (deprecated name), default export, negative-lookahead matcher',
  probes: () => [
    { path: '/' },
    { path: '/hello' },
    { path: '/api/ping' },
    { path: '/apix' },
    { path: '/api-docs' },
    { path: '/old/thing' },
    { path: '/go' },
    { path: '/private/x' },
    { path: '/private/x', headers: { cookie: 'token=t0k' } },
    { path: '/cookie?set-cookie=route=1' },
    { path: '/boom', logs: true },
    { path: '/no-such-route' },
    { path: '/_next/static/chunks/missing.js' },
    { path: '/favicon.ico' },
  ],
});

projects.push({
  name: 'fixtures-proxy-base',
  dir: join(root, 'fixtures-proxy-base'),
  title: "proxy.js, basePath '/base', trailingSlash: true",
  probes: () => [
    { path: '/base/' },
    { path: '/base' },
    { path: '/base/about/x/' },
    { path: '/base/about/x' },
    { path: '/base/about/' },
    { path: '/about/x/' },
    { path: '/base/about/file.txt' },
    { path: '/base/rw/with-base/' },
    { path: '/base/rw/without-base/' },
    { path: '/base/rw/next-url/' },
    { path: '/base/go/' },
    { path: '/base/go-plain/' },
    { path: '/base/nolocale/' },
    { path: '/base/target/5/' },
  ],
});

// The matcher table: one project whose matcher array holds every syntax form, each entry under
// its own static prefix `/t<k>` so that a probe tells which entry ran.
const probeEntries = [
  '/t1/:path*',
  '/t2/:path+',
  '/t3/:id?',
  '/t4/:id',
  '/t5/(.*)',
  '/t6/((?!api|_next).*)',
  '/t7/:id(\\d+)',
  '/t8/:a-:b',
  '/t9/file.:ext',
  '/t10/:path*/edit',
  '/t11',
  '/T12',
  '/t13/caf\u00e9',
  '/t14/\\(x\\)',
  '/t15/(a|b)/:rest*',
  '/t16{/:opt}?/end',
  '/t17/:slug.json',
  '/t18/:id+/x',
  '/',
  { source: '/h1', has: [{ type: 'header', key: 'x-flag', value: 'on' }] },
  { source: '/h2', has: [{ type: 'header', key: 'X-Any' }] },
  { source: '/h3', has: [{ type: 'cookie', key: 'session', value: 'a.*' }] },
  { source: '/h4', has: [{ type: 'query', key: 'q', value: '(?<v>\\d+)' }] },
  { source: '/h5', has: [{ type: 'host', value: '(?<sub>[a-z]+)\\.example\\.com' }] },
  { source: '/h6', missing: [{ type: 'header', key: 'x-no' }] },
  {
    source: '/h7/:p*',
    has: [
      { type: 'header', key: 'x-a' },
      { type: 'query', key: 'b' },
    ],
    missing: [{ type: 'cookie', key: 'c' }],
  },
  { source: '/h8', locale: false },
];
const probePaths = [
  ['/t1', '/t1/', '/t1/a', '/t1/a/b/c', '/t1x', '/t1.json', '/t1/a.json', '/t1/a.rsc'],
  ['/t2', '/t2/a', '/t2/a/b'],
  ['/t3', '/t3/a', '/t3/a/b'],
  ['/t4', '/t4/a', '/t4/a/b', '/t4/a%2Fb', '/t4/%20'],
  ['/t5', '/t5/', '/t5/a/b'],
  ['/t6/x', '/t6/api', '/t6/apix', '/t6/_next/x', '/t6/a/api'],
  ['/t7/12', '/t7/1a', '/t7/'],
  ['/t8/x-y', '/t8/x', '/t8/x-y-z'],
  ['/t9/file.txt', '/t9/file.', '/t9/filetxt'],
  ['/t10/edit', '/t10/a/edit', '/t10/a/b/edit', '/t10/a'],
  ['/t11', '/t11/x', '/T11'],
  ['/t12', '/T12'],
  ['/t13/caf%C3%A9', '/t13/caf%c3%a9', '/t13/cafe'],
  ['/t14/(x)', '/t14/%28x%29', '/t14/x'],
  ['/t15/a', '/t15/b/c/d', '/t15/c'],
  ['/t16/end', '/t16/x/end', '/t16/x/y/end'],
  ['/t17/post.json', '/t17/post', '/t17/.json'],
  ['/t18/1/x', '/t18/1/2/x', '/t18/x'],
  [
    '/index',
    '/index.json',
    '/index.rsc',
    '/_next/data/build/t1/a.json',
    '/_next/data/build/index.json',
  ],
  [
    ['/h1', {}],
    ['/h1', { 'x-flag': 'on' }],
    ['/h1', { 'x-flag': 'On' }],
    ['/h1', { 'x-flag': 'on!' }],
  ],
  [
    ['/h2', {}],
    ['/h2', { 'x-any': 'v' }],
    ['/h2', { 'x-any': '' }],
  ],
  [
    ['/h3', { cookie: 'session=abc' }],
    ['/h3', { cookie: 'session=bc' }],
    ['/h3', { cookie: 'other=abc' }],
    ['/h3', { cookie: 'session="abc"' }],
    ['/h3', { cookie: 'session=a%20b' }],
  ],
  [
    ['/h4?q=12', {}],
    ['/h4?q=x', {}],
    ['/h4?q=1&q=x', {}],
    ['/h4?q=x&q=1', {}],
    ['/h4?q', {}],
    ['/h4?Q=1', {}],
  ],
  [
    ['/h5', { host: 'www.example.com' }],
    ['/h5', { host: 'WWW.EXAMPLE.COM:8080' }],
    ['/h5', { host: 'example.com' }],
    ['/h5', {}],
  ],
  [
    ['/h6', {}],
    ['/h6', { 'x-no': '1' }],
  ],
  [
    ['/h7/z?b=1', { 'x-a': '1' }],
    ['/h7/z?b=1', { 'x-a': '1', cookie: 'c=1' }],
    ['/h7/z', { 'x-a': '1' }],
    ['/h7?b=', { 'x-a': '1' }],
  ],
  [['/h8', {}]],
  ['/nothing', '/t1//a', '/t1/a/', '/t5//', '/T1/a'],
].flat();

function matcherProject(name, matcher, nextConfig, paths, title) {
  return {
    name,
    scratch: true,
    title,
    matcher,
    nextConfig,
    files: {
      'next.config.mjs': `export default ${JSON.stringify({ ...nextConfig, compress: false, typescript: { ignoreBuildErrors: true } })};\n`,
      'app/[[...all]]/route.ts': `export async function GET() {\n  return new Response('route');\n}\n`,
      'proxy.ts':
        `import { NextResponse } from 'next/server';\n` +
        `export function proxy() {\n  return NextResponse.next({ headers: { 'x-proxy': 'ran' } });\n}\n` +
        (matcher === undefined
          ? ''
          : `export const config = { matcher: ${JSON.stringify(matcher, null, 2)} };\n`),
    },
    probes: () =>
      paths.map((p) => (Array.isArray(p) ? { path: p[0], headers: p[1] } : { path: p })),
    table: true,
  };
}

projects.push(matcherProject('probe-syntax', probeEntries, {}, probePaths, 'matcher syntax table'));
projects.push(
  matcherProject(
    'probe-none',
    undefined,
    {},
    [
      '/',
      '/x/y',
      '/_next/static/chunks/missing.js',
      '/favicon.ico',
      '/_next/data/b/x.json',
      '/_next/image?url=%2Fa.png&w=16&q=75',
    ],
    'no matcher: the proxy runs for every path',
  ),
);
projects.push(
  matcherProject(
    'probe-catch-all',
    '/:path*',
    {},
    ['/', '/a', '/a/b', '/_next/static/x.js', '/api/x'],
    'a single `/:path*` string',
  ),
);
projects.push(
  matcherProject(
    'probe-lookahead',
    ['/((?!api|_next/static|_next/image|favicon.ico).*)'],
    {},
    [
      '/',
      '/a',
      '/api',
      '/api/x',
      '/apix',
      '/x/api',
      '/_next/static/x.js',
      '/_next/data/b/api.json',
      '/favicon.ico',
      '/favicon.icox',
    ],
    "the documentation's negative-lookahead matcher",
  ),
);
projects.push(
  matcherProject(
    'probe-base',
    ['/x/:p*', '/'],
    { basePath: '/b' },
    ['/b', '/b/', '/b/x', '/b/x/1', '/x/1', '/bx/1', '/', '/b/index'],
    "basePath '/b' without trailingSlash",
  ),
);
projects.push(
  matcherProject(
    'probe-trailing',
    ['/x/:p*', '/y', '/'],
    { trailingSlash: true },
    ['/x/', '/x/1/', '/x/1', '/y/', '/y', '/', '/x/file.txt', '/y/file.txt'],
    'trailingSlash: true',
  ),
);

// Build errors and warnings: each project is only built.
function failing(name, files, title) {
  return {
    name,
    scratch: true,
    title,
    buildOnly: true,
    files: {
      'next.config.mjs': `export default { typescript: { ignoreBuildErrors: true } };\n`,
      'app/route.ts': `export async function GET() {\n  return new Response('route');\n}\n`,
      ...files,
    },
  };
}
const proxyWith = (config) =>
  `import { NextResponse } from 'next/server';\nexport function proxy() {\n  return NextResponse.next();\n}\nexport const config = ${config};\n`;
projects.push(
  failing(
    'error-both-files',
    {
      'proxy.ts': proxyWith('{}'),
      'middleware.ts': `import { NextResponse } from 'next/server';\nexport function middleware() {\n  return NextResponse.next();\n}\n`,
    },
    'proxy.ts and middleware.ts both present',
  ),
  failing(
    'error-both-src-and-root',
    {
      'proxy.ts': proxyWith('{}'),
      'src/proxy.ts': proxyWith('{}'),
      'src/app/route.ts': `export async function GET() {\n  return new Response('src');\n}\n`,
    },
    'proxy.ts at the root and in src/ (src/app beside app/)',
  ),
  failing(
    'error-matcher-no-slash',
    { 'proxy.ts': proxyWith("{ matcher: 'about' }") },
    "matcher 'about'",
  ),
  failing(
    'error-matcher-unbalanced',
    { 'proxy.ts': proxyWith("{ matcher: '/a/(b' }") },
    "matcher '/a/(b'",
  ),
  failing(
    'error-matcher-capturing',
    { 'proxy.ts': proxyWith("{ matcher: '/a/((b))' }") },
    "matcher '/a/((b))'",
  ),
  failing(
    'error-matcher-no-name',
    { 'proxy.ts': proxyWith("{ matcher: '/a/:' }") },
    "matcher '/a/:'",
  ),
  failing(
    'error-matcher-modifier',
    { 'proxy.ts': proxyWith("{ matcher: '/a/*' }") },
    "matcher '/a/*'",
  ),
  failing(
    'error-matcher-two-params',
    { 'proxy.ts': proxyWith("{ matcher: '/a/:b:c' }") },
    "matcher '/a/:b:c'",
  ),
  failing('error-matcher-number', { 'proxy.ts': proxyWith('{ matcher: 42 }') }, 'matcher 42'),
  failing(
    'error-matcher-unknown-key',
    { 'proxy.ts': proxyWith("{ matcher: [{ source: '/a', sauce: 1 }] }") },
    'matcher object with an unknown key',
  ),
  failing(
    'error-matcher-has-no-key',
    { 'proxy.ts': proxyWith("{ matcher: [{ source: '/a', has: [{ type: 'header' }] }] }") },
    'has item without key',
  ),
  failing(
    'error-matcher-has-bad-type',
    { 'proxy.ts': proxyWith("{ matcher: [{ source: '/a', has: [{ type: 'path', key: 'x' }] }] }") },
    'has item with type path',
  ),
  failing(
    'error-matcher-host-no-value',
    { 'proxy.ts': proxyWith("{ matcher: [{ source: '/a', has: [{ type: 'host' }] }] }") },
    'host item without value',
  ),
  failing(
    'error-matcher-object-no-array',
    { 'proxy.ts': proxyWith("{ matcher: { source: '/a' } }") },
    'a matcher object not in an array',
  ),
  failing(
    'error-matcher-dynamic',
    {
      'proxy.ts': `import { NextResponse } from 'next/server';\nconst paths = ['/a'];\nexport function proxy() {\n  return NextResponse.next();\n}\nexport const config = { matcher: paths };\n`,
    },
    'a matcher that is not a constant',
  ),
  failing(
    'error-runtime',
    { 'proxy.ts': proxyWith("{ runtime: 'edge' }") },
    "config.runtime = 'edge'",
  ),
  failing(
    'error-no-function',
    { 'proxy.ts': `export const config = { matcher: '/a' };\nexport const proxy = 1;\n` },
    'proxy.ts without a function export',
  ),
  failing(
    'error-wrong-name',
    {
      'proxy.ts': `import { NextResponse } from 'next/server';\nexport function middleware() {\n  return NextResponse.next();\n}\n`,
    },
    'proxy.ts exporting `middleware`',
  ),
  failing(
    'warn-middleware-named-proxy',
    {
      'middleware.ts': `import { NextResponse } from 'next/server';\nexport function proxy() {\n  return NextResponse.next();\n}\n`,
    },
    'middleware.ts exporting `proxy`',
  ),
  failing(
    'ok-default-and-named',
    {
      'proxy.ts': `import { NextResponse } from 'next/server';\nexport function proxy() {\n  return NextResponse.next();\n}\nexport default function other() {\n  return NextResponse.next();\n}\n`,
    },
    'proxy.ts with both a default and a `proxy` export',
  ),
  failing('ok-proxy-mjs', { 'proxy.mjs': `export function proxy() {}\n` }, 'proxy.mjs'),
  failing('ok-proxy-mts', { 'proxy.mts': `export function proxy() {}\n` }, 'proxy.mts'),
  failing(
    'ok-src-proxy-root-app',
    { 'src/proxy.ts': `export function proxy() {}\n` },
    'src/proxy.ts with app/ at the root (not beside it)',
  ),
);

// ---------------------------------------------------------------- run

function writeProject(project) {
  const dir = join(scratch, project.name);
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(project.files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function buildNotes(output) {
  return output
    .split('\n')
    .filter((line) =>
      /middleware|proxy|matcher|error|warn|⚠|✗|Failed|Invalid|deprecated|source|Expected|Unexpected|Reason|must|Read more|nextjs\.org\/docs/i.test(
        line,
      ),
    )
    .filter((line) => !/Collecting|Generating|Finalizing|Creating an optimized/.test(line))
    .map((line) => line.replace(ANSI, '').replace(scratch, '<project>').trimEnd())
    .slice(0, 40)
    .join('\n');
}

const md = [];
const table = {
  next: nextVersion,
  generatedBy: 'conformance/scripts/observe-proxy.mjs',
  configs: [],
};
const upstream = await startUpstream();

for (const project of projects) {
  if (only && !project.name.includes(only)) continue;
  const dir = project.scratch ? writeProject(project) : project.dir;
  process.stderr.write(`${project.name}: build\n`);
  const built = await build(dir);
  md.push(`## ${project.name}: ${project.title}\n`);
  if (project.scratch && project.files) {
    const shown = Object.entries(project.files).filter(([f]) => /proxy|middleware/.test(f));
    for (const [file, text] of shown)
      md.push(`\`${file}\`:\n\n\`\`\`ts\n${text.trimEnd()}\n\`\`\`\n`);
  }
  md.push(
    `\`next build\` exited ${built.code}. Lines about the proxy:\n\n\`\`\`\n${buildNotes(built.output) || '(none)'}\n\`\`\`\n`,
  );
  if (project.buildOnly || built.code !== 0) continue;
  const server = await serve(dir);
  const ctx = { upstream };
  const config = project.table
    ? {
        name: project.name,
        nextConfig: project.nextConfig,
        matcher: project.matcher ?? null,
        probes: [],
      }
    : undefined;
  try {
    for (const probe of project.probes(ctx)) {
      const logStart = server.output().length;
      const seenStart = upstream.seen.length;
      let answer;
      try {
        answer = await send(server.origin, probe);
      } catch (error) {
        answer = { error: String(error) };
      }
      const entry = { request: `${probe.method ?? 'GET'} ${probe.path}` };
      if (probe.headers && Object.keys(probe.headers).length) entry.requestHeaders = probe.headers;
      if (probe.body) entry.requestBody = probe.body;
      if (probe.note) entry.note = probe.note;
      if (answer.error) entry.error = answer.error;
      else {
        entry.status = answer.status;
        entry.headers = answer.headers;
        entry.body = answer.json !== undefined ? summarise(answer.json) : answer.text.slice(0, 300);
        if (answer.chunks.length > 1) entry.chunks = answer.chunks;
      }
      if (probe.upstream) entry.upstreamSaw = upstream.seen.slice(seenStart);
      if (probe.state) {
        await sleep(400);
        const state = await send(server.origin, { path: `/state?id=${probe.state}` });
        entry.stateAfter400ms = state.json;
      }
      if (probe.logs) {
        await sleep(300);
        entry.log = server.output().slice(logStart).replace(ANSI, '').replace(dir, '<project>');
      }
      if (config && !answer.error) {
        config.probes.push({
          path: probe.path,
          ...(probe.headers && Object.keys(probe.headers).length ? { headers: probe.headers } : {}),
          status: answer.status,
          ran: answer.headers['x-proxy'] === 'ran',
        });
      }
      if (config) {
        md.push(
          `- \`${entry.request}\`${entry.requestHeaders ? ` ${JSON.stringify(entry.requestHeaders)}` : ''} → ${entry.status ?? entry.error}${answer.headers?.['x-proxy'] ? ', proxy ran' : ', proxy did not run'}${answer.headers?.location ? `, location ${answer.headers.location}` : ''}`,
        );
      } else {
        md.push(`### \`${entry.request}\`\n`);
        for (const [key, value] of Object.entries(entry)) {
          if (key === 'request') continue;
          if (key === 'log')
            md.push(
              `- log:\n\n  \`\`\`\n${String(value)
                .trim()
                .split('\n')
                .map((l) => `  ${l}`)
                .join('\n')}\n  \`\`\`\n`,
            );
          else md.push(`- ${key}: \`${JSON.stringify(value)}\``);
        }
        md.push('');
      }
    }
    if (config) md.push('');
    const tailLog = server.output().replace(ANSI, '');
    md.push(
      `\`next start\` printed:\n\n\`\`\`\n${tailLog.trim().split('\n').slice(0, 60).join('\n')}\n\`\`\`\n`,
    );
  } finally {
    await server.stop();
  }
  if (config) table.configs.push(config);
}
upstream.close();

const suffix = only ? `.${only}` : '';
const mdFile = join(root, 'fixtures-proxy', `OBSERVED${suffix}.md`);
writeFileSync(
  mdFile,
  `# What real Next.js ${nextVersion} answers with a proxy\n\n` +
    `Generated by \`node conformance/scripts/observe-proxy.mjs\` (\`next build && next start\` for each project below; ` +
    `the throw-away projects are written to \`conformance/.observe/\`). Response headers \`date\`, \`connection\`, ` +
    `\`keep-alive\` and \`vary\` are left out; an echo route's body lists only the \`x-*\`, \`cookie\` and \`host\` ` +
    `request headers, plus \`headerNames\`, every header name it saw.\n\n` +
    md.join('\n') +
    '\n',
);
if (!only || table.configs.length) {
  const tableFile = join(repo, 'packages/router/src/lib/proxy', `observed-matchers${suffix}.json`);
  mkdirSync(dirname(tableFile), { recursive: true });
  writeFileSync(tableFile, `${JSON.stringify(table, null, 2)}\n`);
  process.stderr.write(`wrote ${relative(repo, tableFile)}\n`);
}
process.stderr.write(`wrote ${relative(repo, mdFile)}\n`);
