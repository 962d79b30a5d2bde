// The bare fetch handler of servers/bare-fetch.mjs with its handlers in the shape of the bench's
// route files (app/): `async` functions, /dashboard/[team] awaiting its params and its cookies
// as Next.js 15+ hands them over (promises). No framework: what is left over the sync bare
// handler is the cost of that shape on this runtime, which any server of such routes pays.
import { cookie, DASHBOARD, proxy, STATIC_BODY, STATIC_HEADERS } from './bare-fetch.mjs';

async function hello() {
  return Response.json({ message: 'Hello World' });
}

async function items(request, url) {
  const q = url.searchParams.get('q') ?? '';
  const theme = cookie(request, 'theme') ?? 'light';
  return Response.json({ items: [{ id: 1, name: q }], theme });
}

async function dashboard(request, { params }) {
  const { team } = await params;
  const theme = (await Promise.resolve({ get: (name) => cookie(request, name) })).get('theme');
  return Response.json({ team, theme: theme ?? 'light' });
}

async function staticGet() {
  return new Response(STATIC_BODY, { headers: STATIC_HEADERS });
}

export default {
  fetch(request) {
    const url = new URL(request.url);
    const { pathname } = url;
    if (proxy && pathname.startsWith('/admin/') && cookie(request, 'session') === undefined)
      return new Response(null, { status: 307, headers: { location: '/login' } });
    if (pathname === '/hello') return hello();
    if (pathname === '/api/items') return items(request, url);
    if (pathname === '/static') return staticGet();
    const match = DASHBOARD.exec(pathname);
    if (match)
      return dashboard(request, {
        params: Promise.resolve({ team: decodeURIComponent(match[1]) }),
      });
    return new Response(null, { status: 404 });
  },
};
