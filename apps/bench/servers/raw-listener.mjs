/* global Buffer, URLSearchParams */
// Raw node:http's request listener, shared by servers/raw.mjs and micro-adapter.mjs. It
// imports nothing, so that the baseline process loads no code of approute's.

const DASHBOARD = /^\/dashboard\/([^/?]+)$/;
// What the static route's cache answers, with the same header fields.
const STATIC_BODY = JSON.stringify({ message: 'Hello from the cache' });
const STATIC_HEADERS = {
  'cache-control': 's-maxage=31536000',
  'content-type': 'application/json',
  'content-length': Buffer.byteLength(STATIC_BODY),
};

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

function route(req, res, path, query) {
  if (req.method === 'GET' && path === '/hello') return json(res, { message: 'Hello World' });
  if (req.method === 'GET' && path === '/api/items') {
    const q = new URLSearchParams(query).get('q') ?? '';
    const theme = cookie(req.headers.cookie, 'theme') ?? 'light';
    return json(res, { items: [{ id: 1, name: q }], theme });
  }
  if (req.method === 'GET' && path === '/static') {
    res.writeHead(200, STATIC_HEADERS);
    return res.end(STATIC_BODY);
  }
  const match = req.method === 'GET' ? DASHBOARD.exec(path) : null;
  if (match)
    return json(res, {
      team: decodeURIComponent(match[1]),
      theme: cookie(req.headers.cookie, 'theme') ?? 'light',
    });
  res.writeHead(404, { 'content-length': '0' });
  res.end();
}

function split(url) {
  const q = url.indexOf('?');
  return q === -1 ? [url, ''] : [url.slice(0, q), url.slice(q + 1)];
}

/** Raw node:http: hand-written routing and `res.end(string)`. */
export function rawListener(req, res) {
  const [path, query] = split(req.url);
  route(req, res, path, query);
}

/**
 * The same behind a hand-written check of what proxy-app/proxy.ts does: `/admin/*` without a
 * session cookie is redirected to /login; every other path goes straight to the routes.
 */
export function rawProxyListener(req, res) {
  const [path, query] = split(req.url);
  if (path.startsWith('/admin/') && cookie(req.headers.cookie, 'session') === undefined) {
    res.writeHead(307, { location: '/login', 'content-length': '0' });
    return res.end();
  }
  route(req, res, path, query);
}
