import type { NextRequest } from 'next/server';
import { events } from '../_lib/state';

// Reports what the proxy's waitUntil() and after() callbacks recorded under an id.
export async function GET(request: NextRequest) {
  return Response.json({ events: events(request.nextUrl.searchParams.get('id') ?? '') });
}
