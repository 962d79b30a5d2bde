import { read, upstreamUrl } from '../../../_lib/upstream';

// force-static, reading a fetch without cache options.
export const dynamic = 'force-static';

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const hit = await read(await fetch(upstreamUrl(key)));
  return Response.json({ ...hit, at: Date.now() });
}
