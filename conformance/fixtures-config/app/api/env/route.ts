// next.config's env, and the globals Next.js defines on Node (vercel/next.js
// test/e2e/app-dir/app-routes: the shared handler needs globalThis.WebSocket).
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({
    flavor: process.env.CONFIG_FLAVOR ?? null,
    webSocket: typeof globalThis.WebSocket,
    asyncLocalStorage: typeof (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage,
  });
}
