export function GET() {
  return Response.json({ route: 'has' });
}
