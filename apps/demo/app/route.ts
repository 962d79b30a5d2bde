import { page } from '../lib/page';

// The index route, app/route.ts, is served at `/`.
export async function GET() {
  return new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
