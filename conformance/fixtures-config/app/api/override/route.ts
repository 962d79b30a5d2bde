export function GET() {
  return new Response('route', { headers: { 'x-who': 'route', 'x-only-route': 'route' } });
}
