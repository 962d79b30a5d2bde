import type { NextRequest } from 'next/server';

export function GET(request: NextRequest) {
  return Response.json({ route: 'hello', query: Object.fromEntries(request.nextUrl.searchParams) });
}
