import { NextResponse, type NextRequest } from 'next/server';

// An auth check in front of /admin/*, the commonest use of proxy.ts. The bench measures
// /api/items, which the matcher does not match: the cost of having a proxy at all.
export function proxy(request: NextRequest) {
  if (!request.cookies.has('session')) return NextResponse.redirect(new URL('/login', request.url));
  return NextResponse.next();
}

export const config = { matcher: '/admin/:path*' };
