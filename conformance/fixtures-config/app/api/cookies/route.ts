// vercel/next.js test/e2e/app-dir/set-cookies: a Response with two Set-Cookie fields.
export function GET() {
  const headers = new Headers();
  headers.append('set-cookie', 'route-a=1; Path=/');
  headers.append('set-cookie', 'route-b=2; Path=/');
  return new Response(null, { headers });
}
