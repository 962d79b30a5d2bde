import { cookies, headers } from 'next/headers';
import type { NextRequest } from 'next/server';

type Context = { params: Promise<Record<string, string | string[] | undefined>> };

// Answers with everything a route handler sees of the request, after the proxy ran:
// the URL, params, request headers, headers() and cookies(). `?set-cookie=a=1,b=2` makes the
// route set cookies of its own (to observe how the proxy's Set-Cookie merges with them).
export async function echo(request: NextRequest, context: Context): Promise<Response> {
  const params = await context.params;
  const headerStore = await headers();
  const cookieStore = await cookies();
  const toSet = request.nextUrl.searchParams.get('set-cookie');
  if (toSet) {
    for (const pair of toSet.split(',')) {
      const [name, value] = pair.split('=');
      cookieStore.set(name, value);
    }
  }
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text();
  return Response.json(
    {
      method: request.method,
      url: request.url,
      pathname: request.nextUrl.pathname,
      search: request.nextUrl.search,
      params,
      headers: Object.fromEntries(request.headers),
      headersFn: Object.fromEntries(headerStore),
      requestCookies: request.cookies.getAll(),
      cookiesFn: cookieStore.getAll(),
      body,
    },
    { headers: { 'x-route': 'echo' } },
  );
}
