// How many times the upstream was hit for a key (read with no-store, so it is never cached).
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const response = await fetch(`${process.env.CACHE_UPSTREAM}/count/${encodeURIComponent(key)}`, {
    cache: 'no-store',
  });
  return Response.json(await response.json());
}
