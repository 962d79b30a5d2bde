// Reads the body with request.json() and lets any failure propagate (no try/catch).
export async function POST(request: Request) {
  const body: unknown = await request.json();
  return Response.json({ type: Array.isArray(body) ? 'array' : typeof body });
}
