// The bench's routes as a Hono app, shared by Node (servers/hono.mjs) and Bun
// (servers/hono-bun.mjs). With proxy true, a middleware on /admin/* does what
// proxy-app/proxy.ts does; the measured routes do not match it.
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';

const STATIC_BODY = JSON.stringify({ message: 'Hello from the cache' });
const STATIC_HEADERS = { 'cache-control': 's-maxage=31536000', 'content-type': 'application/json' };

/** @param {{ proxy?: boolean }} options */
export function honoApp({ proxy = false } = {}) {
  const app = new Hono();
  if (proxy)
    app.use('/admin/*', async (c, next) => {
      if (getCookie(c, 'session') === undefined) return c.redirect('/login', 307);
      await next();
    });
  app.get('/hello', (c) => c.json({ message: 'Hello World' }));
  app.get('/dashboard/:team', (c) =>
    c.json({ team: c.req.param('team'), theme: getCookie(c, 'theme') ?? 'light' }),
  );
  app.get('/api/items', (c) =>
    c.json({
      items: [{ id: 1, name: c.req.query('q') ?? '' }],
      theme: getCookie(c, 'theme') ?? 'light',
    }),
  );
  app.get('/static', (c) => c.body(STATIC_BODY, 200, STATIC_HEADERS));
  return app;
}
