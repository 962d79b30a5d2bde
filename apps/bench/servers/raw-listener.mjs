/* global Buffer */
// Raw node:http's request listener, shared by servers/raw.mjs and micro-adapter.mjs. It
// imports nothing, so that the baseline process loads no code of approute's.

const DASHBOARD = /^\/dashboard\/([^/?]+)$/;

function cookie(header, name) {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq !== -1 && pair.slice(0, eq).trim() === name)
      return decodeURIComponent(pair.slice(eq + 1).trim());
  }
  return undefined;
}

function json(res, value) {
  const body = JSON.stringify(value);
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Raw node:http: hand-written routing and `res.end(string)`. */
export function rawListener(req, res) {
  const q = req.url.indexOf('?');
  const path = q === -1 ? req.url : req.url.slice(0, q);
  if (req.method === 'GET' && path === '/hello') return json(res, { message: 'Hello World' });
  const match = req.method === 'GET' ? DASHBOARD.exec(path) : null;
  if (match)
    return json(res, {
      team: decodeURIComponent(match[1]),
      theme: cookie(req.headers.cookie, 'theme') ?? 'light',
    });
  res.writeHead(404, { 'content-length': '0' });
  res.end();
}
