// The JavaScript share of one request through each server's request listener, in-process:
// a real IncomingMessage and ServerResponse over a socket stand-in whose writes cost nothing,
// so what is left is what each adapter does itself. Usage: node micro-adapter.mjs
import { Buffer } from 'node:buffer';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { createRequestListener, installLightResponse } from '@approute/node';
import { cookies } from '@approute/request/headers';
import { createRouter } from '@approute/router';

const N = Number(process.env.N ?? 200_000);

class NullSocket extends Duplex {
  _read() {
    // Nothing is ever read: the requests are made by hand.
  }
  _write(_chunk, _encoding, callback) {
    callback();
  }
  _writev(_chunks, callback) {
    callback();
  }
}
const socket = new NullSocket();
socket.remoteAddress = '127.0.0.1';
socket.localAddress = '127.0.0.1';
socket.localPort = 3000;

const rawHeaders = (path) =>
  path === '/hello' ? ['Host', '127.0.0.1:3000'] : ['Host', '127.0.0.1:3000', 'Cookie', 'session=abc123; theme=dark'];

function request(listener, path) {
  return new Promise((resolve) => {
    const req = new IncomingMessage(socket);
    req.method = 'GET';
    req.url = path;
    req.httpVersionMajor = 1;
    req.httpVersionMinor = 1;
    req.httpVersion = '1.1';
    req.rawHeaders = rawHeaders(path);
    req.complete = true;
    req.push(null);
    const res = new ServerResponse(req);
    res.shouldKeepAlive = true;
    res.assignSocket(socket);
    res.on('finish', () => {
      res.detachSocket(socket);
      resolve();
    });
    listener(req, res);
  });
}

// raw node:http
const DASHBOARD = /^\/dashboard\/([^/?]+)$/;
function cookie(header, name) {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq !== -1 && pair.slice(0, eq).trim() === name) return decodeURIComponent(pair.slice(eq + 1).trim());
  }
  return undefined;
}
function json(res, value) {
  const body = JSON.stringify(value);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
const raw = (req, res) => {
  const q = req.url.indexOf('?');
  const path = q === -1 ? req.url : req.url.slice(0, q);
  if (path === '/hello') return json(res, { message: 'Hello World' });
  const match = DASHBOARD.exec(path);
  if (match) return json(res, { team: decodeURIComponent(match[1]), theme: cookie(req.headers.cookie, 'theme') ?? 'light' });
};

const app = new Hono();
app.get('/hello', (c) => c.json({ message: 'Hello World' }));
app.get('/dashboard/:team', (c) => c.json({ team: c.req.param('team'), theme: getCookie(c, 'theme') ?? 'light' }));
const hono = getRequestListener(app.fetch, { overrideGlobalObjects: true });

const manifest = {
  version: 1,
  routes: [
    { id: '/hello', pathname: '/hello', file: 'hello/route.ts', params: [] },
    { id: '/dashboard/[team]', pathname: '/dashboard/:team', file: 'dashboard/[team]/route.ts', params: [{ name: 'team', kind: 'single' }] },
  ],
};
const modules = {
  'hello/route.ts': {
    async GET() {
      return Response.json({ message: 'Hello World' });
    },
  },
  'dashboard/[team]/route.ts': {
    async GET(_request, { params }) {
      const { team } = await params;
      const theme = (await cookies()).get('theme')?.value ?? 'light';
      return Response.json({ team, theme });
    },
  },
};
const approute = createRequestListener(createRouter(manifest, { load: async (route) => modules[route.file] }), { onError: console.error });

async function time(name, listener, path) {
  const results = [];
  for (let round = 0; round < Number(process.env.ROUNDS ?? 5); round++) {
    for (let i = 0; i < N / 10; i++) await request(listener, path);
    const start = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await request(listener, path);
    results.push(Number(process.hrtime.bigint() - start) / 1e3 / N);
  }
  results.sort((a, b) => a - b);
  return results[2];
}

const which = process.argv[2];
const servers = { raw, hono, approute };
if (which === 'approute') installLightResponse();
// Each server in its own process (hono and approute both replace the global Response).
const listener = servers[which];
if (!listener) {
  const { execFileSync } = await import('node:child_process');
  for (const name of Object.keys(servers)) process.stdout.write(execFileSync(process.execPath, [new URL(import.meta.url).pathname, name]));
} else {
  const hello = await time(which, listener, '/hello');
  const dash = await time(which, listener, '/dashboard/acme');
  const helloAgain = await time(which, listener, '/hello');
  console.log(`${which.padEnd(10)} /hello ${Math.min(hello, helloAgain).toFixed(3)} µs   /dashboard/acme ${dash.toFixed(3)} µs   (/hello after dashboard ${helloAgain.toFixed(3)})`);
}
