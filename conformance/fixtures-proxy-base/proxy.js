import { NextResponse } from 'next/server';

// basePath `/base` and trailingSlash: the matcher is written without the base path; the proxy
// reports what it saw of the URL in response headers.
export function proxy(request) {
  const { pathname, basePath } = request.nextUrl;
  const seen = {
    'x-proxy': 'ran',
    'x-proxy-pathname': pathname,
    'x-proxy-basepath': basePath,
    'x-proxy-url': request.url,
  };
  if (pathname === '/rw/with-base/') {
    return NextResponse.rewrite(new URL('/base/target/1/', request.url), { headers: seen });
  }
  if (pathname === '/rw/without-base/') {
    return NextResponse.rewrite(new URL('/target/2/', request.url), { headers: seen });
  }
  if (pathname === '/rw/next-url/') {
    const url = request.nextUrl.clone();
    url.pathname = '/target/3/';
    return NextResponse.rewrite(url, { headers: seen });
  }
  if (pathname === '/go/') {
    const url = request.nextUrl.clone();
    url.pathname = '/about/went/';
    return NextResponse.redirect(url);
  }
  if (pathname === '/go-plain/') {
    return NextResponse.redirect(new URL('/about/plain/', request.url));
  }
  return NextResponse.next({ headers: seen });
}

export const config = {
  matcher: [
    '/',
    '/about/:path*',
    '/rw/:path*',
    '/go',
    '/go-plain',
    { source: '/nolocale', locale: false },
  ],
};
