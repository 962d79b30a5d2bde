// The root route: no matcher entry covers `/`, so the proxy never runs for it.
export async function GET() {
  return Response.json({ route: '/' });
}
