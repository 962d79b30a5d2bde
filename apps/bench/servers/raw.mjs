/* global Buffer */
// The baseline: node:http with hand-written routing and res.end(string).
import { createServer } from 'node:http';

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

const server = createServer((req, res) => {
  const q = req.url.indexOf('?');
  const path = q === -1 ? req.url : req.url.slice(0, q);
  if (req.method === 'GET' && path === '/hello') return json(res, { message: 'Hello World' });
  const match = req.method === 'GET' ? DASHBOARD.exec(path) : null;
  if (match) return json(res, { team: decodeURIComponent(match[1]), theme: cookie(req.headers.cookie, 'theme') ?? 'light' });
  res.writeHead(404, { 'content-length': '0' });
  res.end();
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`ready on http://127.0.0.1:${server.address().port}`);
});

// Exit normally on SIGTERM, so that --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));
