// Hono 4 on @hono/node-server, with its default lightweight Request/Response.
import { serve } from '@hono/node-server';
import { honoApp } from './hono-app.mjs';

const app = honoApp({ proxy: process.env.BENCH_PROXY === '1' });
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, (info) => {
  console.log(`ready on http://127.0.0.1:${info.port}`);
});

// Exit normally on SIGTERM, so that --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));
