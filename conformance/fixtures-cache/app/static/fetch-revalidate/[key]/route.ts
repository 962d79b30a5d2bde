import { read, upstreamUrl } from '../../../_lib/upstream';

// force-static, reading a fetch with next.revalidate = 1: does the route inherit the shorter life?
export const dynamic = 'force-static';

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const hit = await read(await fetch(upstreamUrl(key), { next: { revalidate: 1 } }));
  return Response.json({ ...hit, at: Date.now() });
}
