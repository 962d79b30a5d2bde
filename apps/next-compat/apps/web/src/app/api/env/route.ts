// Which .env file each value came from, and the mode the server runs in.
export const dynamic = 'force-dynamic';

export async function GET() {
  return Response.json({
    greeting: process.env.PUBLIC_GREETING ?? null,
    databaseUrl: process.env.DATABASE_URL ?? null,
    tier: process.env.ENV_TIER ?? null,
    nodeEnv: process.env.NODE_ENV ?? null,
    flavor: process.env.APP_FLAVOR ?? null,
    hasAuthSecret: typeof process.env.NEXTAUTH_SECRET === 'string',
    webSocket: typeof globalThis.WebSocket,
  });
}
