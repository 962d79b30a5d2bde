// The approute Node adapter alone: serve() with a hand-written fetch handler, no router and no
// request scope, to show what the adapter costs apart from the route-handler semantics.
import { serve } from '@approute/node';
import { NextResponse } from '@approute/request/server';

const DASHBOARD = /^\/dashboard\/([^/]+)$/;
const STATIC_BODY = JSON.stringify({ message: 'Hello from the cache' });
const STATIC_HEADERS = { 'cache-control': 's-maxage=31536000', 'content-type': 'application/json' };

// GET /api/items taken apart (cpu.mjs --parts, BENCH_PARTS=1): the same answer with one
// idiomatic piece each. Routed on request.url, so that nothing but the piece reads nextUrl.
function part(request) {
  const url = request.url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const end = url.indexOf('?', start);
  const pathname = url.slice(start, end === -1 ? undefined : end);
  const items = (name) => [{ id: 1, name }];
  switch (pathname) {
    case '/parts/response-json':
      return Response.json({ items: items('shoe'), theme: 'dark' });
    case '/parts/next-response-json':
      return NextResponse.json({ items: items('shoe'), theme: 'dark' });
    case '/parts/next-url':
      return Response.json({
        items: items(request.nextUrl.searchParams.get('q') ?? ''),
        theme: 'dark',
      });
    case '/parts/request-cookies':
      return Response.json({
        items: items('shoe'),
        theme: request.cookies.get('theme')?.value ?? 'light',
      });
    default:
      return new Response(null, { status: 404 });
  }
}

const running = await serve({
  port: Number(process.env.PORT),
  fetch:
    process.env.BENCH_PARTS === '1'
      ? part
      : (request) => {
          const { pathname } = request.nextUrl;
          if (pathname === '/hello') return Response.json({ message: 'Hello World' });
          if (pathname === '/api/items')
            return NextResponse.json({
              items: [{ id: 1, name: request.nextUrl.searchParams.get('q') ?? '' }],
              theme: request.cookies.get('theme')?.value ?? 'light',
            });
          if (pathname === '/static') return new Response(STATIC_BODY, { headers: STATIC_HEADERS });
          const match = DASHBOARD.exec(pathname);
          if (match)
            return Response.json({
              team: decodeURIComponent(match[1]),
              theme: request.cookies.get('theme')?.value ?? 'light',
            });
          return new Response(null, { status: 404 });
        },
});
console.log(`ready on ${running.url}`);
