/* global Bun */
// Serves the demo's Web build (`approute build . --target web`) with Bun:
//   pnpm --filter @approute/demo start:bun
import app from './.approute/web/index.mjs';

const server = Bun.serve({
  hostname: process.env.HOSTNAME ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 3000),
  fetch: app.fetch,
});
console.log(`approute demo on Bun ${Bun.version}: ready on ${server.url.origin}`);
