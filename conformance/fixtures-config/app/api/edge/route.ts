// vercel/next.js test/e2e/app-dir/app-routes-trailing-slash: an edge route at /api/edge/.
export const runtime = 'edge';

export function GET() {
  return Response.json({ route: 'edge' });
}
