import type { NextRequest } from 'next/server';

// Reports how the request's URL was read: the metadata tests send odd Host values and targets.
export async function GET(request: NextRequest) {
  return Response.json({
    url: request.url,
    host: request.nextUrl.host,
    pathname: request.nextUrl.pathname,
    search: request.nextUrl.search,
  });
}
