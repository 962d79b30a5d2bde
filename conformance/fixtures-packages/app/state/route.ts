import type { NextRequest } from 'next/server';
import { events } from '../_lib/state';

// The events recorded under ?id=.
export async function GET(request: NextRequest) {
  return Response.json(events().get(request.nextUrl.searchParams.get('id') ?? '') ?? []);
}
