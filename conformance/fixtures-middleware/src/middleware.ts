import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

// The deprecated file name, in src/ beside src/app/, with a default export: Next.js 16 still
// runs it (with a deprecation warning at build time).
export default function middleware(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith('/old/')) {
    return NextResponse.rewrite(new URL(`/new/${pathname.slice('/old/'.length)}`, request.url));
  }
  if (pathname === '/go') {
    return NextResponse.redirect(new URL('/new/went', request.url));
  }
  if (pathname.startsWith('/private')) {
    const token = request.cookies.get('token')?.value;
    if (!token) return Response.json({ error: 'unauthorized' }, { status: 401 });
    const headers = new Headers(request.headers);
    headers.set('x-user', token);
    return NextResponse.next({ request: { headers } });
  }
  if (pathname === '/boom') {
    throw new Error('middleware failed on purpose');
  }
  const response = NextResponse.next({ headers: { 'x-proxy': 'ran' } });
  if (pathname === '/cookie') response.cookies.set('from-middleware', '1');
  return response;
}

export const config = {
  matcher: '/((?!api|_next/static|_next/image|favicon.ico).*)',
};
