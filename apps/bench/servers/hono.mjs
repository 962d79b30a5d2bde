// Hono 4 on @hono/node-server, with its default lightweight Request/Response.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';

const app = new Hono();
app.get('/hello', (c) => c.json({ message: 'Hello World' }));
app.get('/dashboard/:team', (c) =>
  c.json({ team: c.req.param('team'), theme: getCookie(c, 'theme') ?? 'light' }),
);

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, (info) => {
  console.log(`ready on http://127.0.0.1:${info.port}`);
});

// Exit normally on SIGTERM, so that --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));
