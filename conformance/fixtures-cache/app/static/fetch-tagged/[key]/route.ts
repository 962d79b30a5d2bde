import { read, upstreamUrl } from '../../../_lib/upstream';

// force-static, reading a fetch tagged `s-<key>`: a revalidation of that tag reaches the answer.
export const dynamic = 'force-static';

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const hit = await read(
    await fetch(upstreamUrl(key), { cache: 'force-cache', next: { tags: [`s-${key}`] } }),
  );
  return Response.json({ ...hit, at: Date.now() });
}
