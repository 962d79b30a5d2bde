// srvx 1 on Node, as its documentation recommends for speed: FastResponse (its lightweight
// Response) and FastURL (parsed only as far as read).
import { FastResponse, FastURL, serve } from 'srvx';

const STATIC_BODY = JSON.stringify({ message: 'Hello from the cache' });
const STATIC_HEADERS = { 'cache-control': 's-maxage=31536000', 'content-type': 'application/json' };
const JSON_HEADERS = { 'content-type': 'application/json' };
const DASHBOARD = /^\/dashboard\/([^/]+)$/;
const proxy = process.env.BENCH_PROXY === '1';

function cookie(request, name) {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq !== -1 && pair.slice(0, eq).trim() === name)
      return decodeURIComponent(pair.slice(eq + 1).trim());
  }
  return undefined;
}

const json = (value) => new FastResponse(JSON.stringify(value), { headers: JSON_HEADERS });

const server = serve({
  port: Number(process.env.PORT),
  hostname: '127.0.0.1',
  silent: true,
  fetch(request) {
    const url = new FastURL(request.url);
    const { pathname } = url;
    if (proxy && pathname.startsWith('/admin/') && cookie(request, 'session') === undefined)
      return new FastResponse(null, { status: 307, headers: { location: '/login' } });
    if (pathname === '/hello') return json({ message: 'Hello World' });
    if (pathname === '/api/items')
      return json({
        items: [{ id: 1, name: url.searchParams.get('q') ?? '' }],
        theme: cookie(request, 'theme') ?? 'light',
      });
    if (pathname === '/static') return new FastResponse(STATIC_BODY, { headers: STATIC_HEADERS });
    const match = DASHBOARD.exec(pathname);
    if (match)
      return json({
        team: decodeURIComponent(match[1]),
        theme: cookie(request, 'theme') ?? 'light',
      });
    return new FastResponse(null, { status: 404 });
  },
});
await server.ready();
console.log(`ready on ${server.url}`);

// Exit normally on SIGTERM, so that --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));
