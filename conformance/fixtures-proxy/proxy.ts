import { after, NextResponse } from 'next/server';
import type { NextFetchEvent, NextRequest } from 'next/server';
import { record } from './app/_lib/state';

// The proxy of the fixture project: one behaviour per path, each taken from the proxy.js,
// NextResponse, NextRequest and NextFetchEvent documentation. Paths the switch does not know
// (the matcher-only prefixes) are marked with `x-proxy: ran` so a case can tell it ran.
export function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname, searchParams } = request.nextUrl;
  const to = (path: string) => new URL(path, request.url);
  const id = searchParams.get('id') ?? '';

  switch (pathname) {
    case '/next/plain':
      return NextResponse.next();
    case '/next/request-headers': {
      const headers = new Headers(request.headers);
      headers.set('x-added', 'by-proxy');
      headers.set('x-replaced', 'by-proxy');
      headers.delete('x-removed');
      return NextResponse.next({ request: { headers } });
    }
    case '/next/request-cookie': {
      // A cookie the route must see in cookies() and request.cookies.
      const headers = new Headers(request.headers);
      headers.set('cookie', 'session=from-proxy; theme=dark');
      return NextResponse.next({ request: { headers } });
    }
    case '/next/request-object': {
      // The docs' shorthand: pass the (mutated) NextRequest itself.
      request.cookies.set('injected', 'yes');
      request.headers.set('x-mutated', 'in-place');
      return NextResponse.next({ request });
    }
    case '/next/response-headers':
      return NextResponse.next({ headers: { 'x-response-header': 'from-proxy' } });
    case '/next/both-headers': {
      const headers = new Headers(request.headers);
      headers.set('x-request-only', 'for-the-route');
      const response = NextResponse.next({ request: { headers } });
      response.headers.set('x-response-only', 'for-the-client');
      return response;
    }
    case '/next/set-cookie': {
      const response = NextResponse.next();
      response.cookies.set('from-proxy', '1');
      response.cookies.set('shared', 'proxy', { path: '/', httpOnly: true });
      return response;
    }
    case '/next/status': {
      // A status on next() is not the final status: the route answers.
      return NextResponse.next({ status: 202 });
    }
    case '/next/undefined':
      // Returning nothing continues like NextResponse.next().
      return undefined;
    case '/next/same-header':
      // A header the route sets too (x-route), and one of the names both may send (vary).
      return NextResponse.next({ headers: { 'x-route': 'from-proxy', vary: 'x-from-proxy' } });
    case '/next/read-body':
      // The proxy reads the body, then the route reads it again.
      return request
        .text()
        .then((text) => NextResponse.next({ headers: { 'x-proxy-read': text } }));
    case '/rewrite/to-target':
      return NextResponse.rewrite(to('/target/42?via=rewrite'));
    case '/rewrite/no-query':
      return NextResponse.rewrite(to('/target/7'));
    case '/rewrite/next-url': {
      const url = request.nextUrl.clone();
      url.pathname = '/target/cloned';
      return NextResponse.rewrite(url);
    }
    case '/rewrite/with-headers': {
      const headers = new Headers(request.headers);
      headers.set('x-added', 'on-rewrite');
      return NextResponse.rewrite(to('/target/9'), { request: { headers } });
    }
    case '/rewrite/set-cookie': {
      const response = NextResponse.rewrite(to('/target/c'));
      response.cookies.set('from-proxy', 'rewrite');
      response.headers.set('x-response-header', 'on-rewrite');
      return response;
    }
    case '/rewrite/missing':
      return NextResponse.rewrite(to('/no-such-route'));
    case '/rewrite/get-only':
      return NextResponse.rewrite(to('/get-only'));
    case '/rewrite/encoded':
      return NextResponse.rewrite(to('/target/a%20b'));
    case '/rewrite/external': {
      // The upstream is a loopback server the test started; its origin arrives in a header.
      const upstream = request.headers.get('x-upstream') ?? 'http://127.0.0.1:9';
      return NextResponse.rewrite(new URL(`/upstream/path?from=proxy`, upstream));
    }
    case '/rewrite/external-cookie': {
      const upstream = request.headers.get('x-upstream') ?? 'http://127.0.0.1:9';
      const response = NextResponse.rewrite(new URL('/upstream/cookie', upstream));
      response.cookies.set('from-proxy', 'external');
      return response;
    }
    case '/rewrite/external-down':
      // Nothing listens on port 9 (discard) of loopback here.
      return NextResponse.rewrite(new URL('http://127.0.0.1:9/down'));
    case '/redirect/default':
      return NextResponse.redirect(to('/echo/redirected?x=1'));
    case '/redirect/308':
      return NextResponse.redirect(to('/echo/permanent'), 308);
    case '/redirect/external':
      return NextResponse.redirect('https://example.com/elsewhere?a=1');
    case '/redirect/response':
      return Response.redirect(to('/echo/plain-response'), 303);
    case '/redirect/set-cookie': {
      const response = NextResponse.redirect(to('/echo/after-cookie'));
      response.cookies.set('from-proxy', 'redirect');
      return response;
    }
    case '/respond/json':
      return Response.json(
        { from: 'proxy' },
        { status: 401, headers: { 'www-authenticate': 'Bearer' } },
      );
    case '/respond/next-response-json': {
      const response = NextResponse.json({ from: 'proxy' }, { status: 403 });
      response.cookies.set('from-proxy', 'direct');
      return response;
    }
    case '/respond/text':
      return new Response('short and stout', {
        status: 418,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    case '/respond/empty':
      return new Response(null, { status: 204 });
    case '/respond/location-200':
      return new Response('not a redirect', { headers: { location: '/echo/elsewhere' } });
    case '/respond/stream': {
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode('one,'));
          await new Promise((resolve) => setTimeout(resolve, 30));
          controller.enqueue(encoder.encode('two'));
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/plain' } });
    }
    case '/respond/preflight':
      if (request.method === 'OPTIONS')
        return new Response(null, {
          status: 204,
          headers: {
            'access-control-allow-origin': request.headers.get('origin') ?? '*',
            'access-control-allow-methods': 'GET, POST',
          },
        });
      return NextResponse.next({ headers: { 'access-control-allow-origin': '*' } });
    case '/respond/method':
      return Response.json({ method: request.method, body: null });
    case '/respond/body': {
      return request.text().then((text) => Response.json({ method: request.method, body: text }));
    }
    case '/later/wait-until':
      event.waitUntil(
        new Promise((resolve) => setTimeout(resolve, 100)).then(() => record(id, 'waitUntil')),
      );
      return NextResponse.next();
    case '/later/after':
      after(() => record(id, 'after'));
      record(id, 'proxy');
      return NextResponse.next();
    case '/later/after-direct':
      after(() => record(id, 'after-direct'));
      return new Response('answered by the proxy');
    case '/throw/sync':
      throw new Error('proxy failed on purpose');
    case '/throw/async':
      return Promise.reject(new Error('proxy rejected on purpose'));
    case '/throw/after-wait-until':
      event.waitUntil(Promise.reject(new Error('waitUntil rejected on purpose')));
      return NextResponse.next();
    case '/throw/not-a-response':
      return { status: 200 } as unknown as Response;
  }
  return NextResponse.next({
    headers: { 'x-proxy': 'ran', 'x-proxy-pathname': pathname, 'x-proxy-url': request.url },
  });
}

export const config = {
  matcher: [
    '/next/:path*',
    '/rewrite/:path*',
    '/redirect/:path*',
    '/respond/:path*',
    '/later/:path*',
    '/throw/:path*',
    '/about/:path*',
    '/nowhere/:path*',
    '/get-only',
    '/optional/:id?',
    '/plus/:rest+',
    '/digits/(\\d+)',
    '/exact',
    { source: '/has/header', has: [{ type: 'header', key: 'x-flag', value: 'on|yes' }] },
    { source: '/has/cookie', has: [{ type: 'cookie', key: 'session' }] },
    { source: '/has/query', has: [{ type: 'query', key: 'mode', value: '(?<mode>fast|slow)' }] },
    { source: '/has/host', has: [{ type: 'host', value: 'localhost' }] },
    {
      source: '/has/missing',
      missing: [
        { type: 'header', key: 'x-skip' },
        { type: 'cookie', key: 'skip', value: 'yes' },
      ],
    },
    {
      source: '/has/both',
      has: [{ type: 'header', key: 'x-a' }],
      missing: [{ type: 'query', key: 'b' }],
    },
  ],
};
