// A bare fetch handler with hand-written routing, the baseline on Bun (served by tools/runtimes'
// Bun.serve launcher, as the others are). BENCH_PROXY=1 adds proxy-app/proxy.ts's check.
// servers/bare-fetch-async.mjs shares these.
export const STATIC_BODY = JSON.stringify({ message: 'Hello from the cache' });
export const STATIC_HEADERS = {
  'cache-control': 's-maxage=31536000',
  'content-type': 'application/json',
};
export const DASHBOARD = /^\/dashboard\/([^/]+)$/;
export const proxy = process.env.BENCH_PROXY === '1';

/**
 * The value of cookie `name` in the request, decoded.
 * @param {Request} request
 * @param {string} name
 */
export function cookie(request, name) {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq !== -1 && pair.slice(0, eq).trim() === name)
      return decodeURIComponent(pair.slice(eq + 1).trim());
  }
  return undefined;
}

export default {
  fetch(request) {
    const url = new URL(request.url);
    const { pathname } = url;
    if (proxy && pathname.startsWith('/admin/') && cookie(request, 'session') === undefined)
      return new Response(null, { status: 307, headers: { location: '/login' } });
    if (pathname === '/hello') return Response.json({ message: 'Hello World' });
    if (pathname === '/api/items')
      return Response.json({
        items: [{ id: 1, name: url.searchParams.get('q') ?? '' }],
        theme: cookie(request, 'theme') ?? 'light',
      });
    if (pathname === '/static') return new Response(STATIC_BODY, { headers: STATIC_HEADERS });
    const match = DASHBOARD.exec(pathname);
    if (match)
      return Response.json({
        team: decodeURIComponent(match[1]),
        theme: cookie(request, 'theme') ?? 'light',
      });
    return new Response(null, { status: 404 });
  },
};
