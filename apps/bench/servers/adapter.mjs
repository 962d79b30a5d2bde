// The approute Node adapter alone: serve() with a hand-written fetch handler, no router and no
// request scope, to show what the adapter costs apart from the route-handler semantics.
import { serve } from '@approute/node';

const DASHBOARD = /^\/dashboard\/([^/]+)$/;

const running = await serve({
  port: Number(process.env.PORT),
  fetch: (request) => {
    const { pathname } = request.nextUrl;
    if (pathname === '/hello') return Response.json({ message: 'Hello World' });
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
