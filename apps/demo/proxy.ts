import { NextResponse, type NextRequest } from 'next/server';
import { readSession, SESSION_COOKIE } from './lib/session';

// Runs in front of the API routes below, before any of them is matched (proxy.js docs):
// - CORS: browsers on the allowed origins may call the teams API; their preflight (OPTIONS
//   with Access-Control-Request-Method) is answered here, other requests get the header;
// - auth: /api/private/* needs a valid session cookie; the route learns the user from the
//   `x-user` request header this proxy sets (a client cannot send its own: it is replaced).
const allowedOrigins = new Set(['https://app.example.com', 'http://localhost:5173']);
const corsOptions = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

export async function proxy(request: NextRequest) {
  const origin = request.headers.get('origin') ?? '';
  const allowed = allowedOrigins.has(origin);
  if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
    const headers: Record<string, string> = { vary: 'origin' };
    if (allowed) Object.assign(headers, { 'access-control-allow-origin': origin }, corsOptions);
    return new NextResponse(null, { status: 204, headers });
  }

  let response: NextResponse;
  if (request.nextUrl.pathname.startsWith('/api/private/')) {
    const user = await readSession(request.cookies.get(SESSION_COOKIE)?.value);
    if (!user) {
      return NextResponse.json(
        { error: 'sign in first: POST /api/session with {"name": "…"}' },
        { status: 401, headers: { 'www-authenticate': 'Cookie realm="approute demo"' } },
      );
    }
    const headers = new Headers(request.headers);
    headers.set('x-user', user);
    response = NextResponse.next({ request: { headers } });
  } else {
    response = NextResponse.next();
  }
  if (allowed) {
    response.headers.set('access-control-allow-origin', origin);
    response.headers.set('vary', 'origin');
  }
  return response;
}

export const config = {
  matcher: ['/api/private/:path*', '/api/teams/:path*'],
};
