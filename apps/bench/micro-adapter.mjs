// The JavaScript share of one request through each server's request listener, in-process:
// a real IncomingMessage and ServerResponse over a socket stand-in whose writes cost nothing,
// so what is left is what each adapter does itself. Each server runs in its own process (Hono
// and approute both replace the global Response).
// Usage:
//   node micro-adapter.mjs                       every server, every route
//   node micro-adapter.mjs <server> [path] [n]   one server (raw, hono, approute), for example
//     node --cpu-prof micro-adapter.mjs approute '/api/items?q=shoe' 300000
import { execFileSync } from 'node:child_process';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { createRequestListener, installLightResponse } from '@approute/node';
import { createRouter } from '@approute/router';
import { manifest, modules } from './servers/app-modules.mjs';
import { honoApp } from './servers/hono-app.mjs';
import { rawListener } from './servers/raw-listener.mjs';

const PATHS = ['/hello', '/dashboard/acme', '/api/items?q=shoe', '/static'];

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
  path === '/hello' || path === '/static'
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

const servers = {
  raw: () => rawListener,
  hono: () => getRequestListener(honoApp().fetch, { overrideGlobalObjects: true }),
  approute: () => {
    installLightResponse();
    return createRequestListener(
      createRouter(manifest, { load: async (route) => modules[route.file] }).fetch,
      { onError: console.error },
    );
  },
};

// The median of 5 rounds, each after a tenth of its requests as warm-up.
async function time(listener, path, n) {
  const results = [];
  for (let round = 0; round < Number(process.env.ROUNDS ?? 5); round++) {
    for (let i = 0; i < n / 10; i++) await request(listener, path);
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await request(listener, path);
    results.push(Number(process.hrtime.bigint() - start) / 1e3 / n);
  }
  results.sort((a, b) => a - b);
  return results[Math.floor(results.length / 2)];
}

const [which, onlyPath, count] = process.argv.slice(2);
const n = Number(count ?? process.env.N ?? 200_000);
if (!which) {
  for (const name of Object.keys(servers))
    process.stdout.write(execFileSync(process.execPath, [new URL(import.meta.url).pathname, name]));
} else {
  const make = servers[which];
  if (!make) throw new Error(`unknown server ${which}: one of ${Object.keys(servers).join(', ')}`);
  const listener = make();
  const line = [];
  for (const path of onlyPath ? [onlyPath] : PATHS)
    line.push(`${path} ${(await time(listener, path, n)).toFixed(3)} µs`);
  console.log(`${which.padEnd(9)} ${line.join('   ')}`);
}
