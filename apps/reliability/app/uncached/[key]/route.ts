// The same answer as /cached/[key], produced on every request: what the server allocates per
// request without the cache, to warm it up before measuring the cache.
const PADDING = 'x'.repeat(Number(process.env.RELIABILITY_PADDING ?? 2048));

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return Response.json({ key, padding: PADDING });
}
