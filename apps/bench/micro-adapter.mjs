// The JavaScript share of one request through each server's request listener, in-process:
// a real IncomingMessage and ServerResponse over a socket stand-in whose writes cost nothing,
// so what is left is what each adapter does itself. Usage: node micro-adapter.mjs
import { IncomingMessage, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { createRequestListener, installLightResponse } from '@approute/node';
import { createRouter } from '@approute/router';
import { manifest, modules } from './servers/app-modules.mjs';
import { rawListener } from './servers/raw-listener.mjs';

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
  path === '/hello'
    ? ['Host', '127.0.0.1:3000']
    : ['Host', '127.0.0.1:3000', 'Cookie', 'session=abc123; theme=dark'];

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

const app = new Hono();
app.get('/hello', (c) => c.json({ message: 'Hello World' }));
app.get('/dashboard/:team', (c) =>
  c.json({ team: c.req.param('team'), theme: getCookie(c, 'theme') ?? 'light' }),
);
const hono = getRequestListener(app.fetch, { overrideGlobalObjects: true });

const raw = rawListener;
const approute = createRequestListener(
  createRouter(manifest, { load: async (route) => modules[route.file] }).fetch,
  { onError: console.error },
);

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
  for (const name of Object.keys(servers))
    process.stdout.write(execFileSync(process.execPath, [new URL(import.meta.url).pathname, name]));
} else {
  const hello = await time(which, listener, '/hello');
  const dash = await time(which, listener, '/dashboard/acme');
  const helloAgain = await time(which, listener, '/hello');
  console.log(
    `${which.padEnd(10)} /hello ${Math.min(hello, helloAgain).toFixed(3)} µs   /dashboard/acme ${dash.toFixed(3)} µs   (/hello after dashboard ${helloAgain.toFixed(3)})`,
  );
}
