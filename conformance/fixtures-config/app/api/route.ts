// vercel/next.js test/e2e/app-dir/app-routes-trailing-slash: app/api/route.ts at /api/.
export function GET() {
  return Response.json({ route: 'api' });
}
