import { unstable_noStore } from 'next/cache';
import { read, upstreamUrl } from '../../_lib/upstream';

// unstable_noStore() in a dynamic GET, then fetches with the default and with force-cache.
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  unstable_noStore();
  const plain = await read(await fetch(upstreamUrl(`${key}-plain`)));
  const forced = await read(await fetch(upstreamUrl(`${key}-forced`), { cache: 'force-cache' }));
  return Response.json({ plain: plain.hit, forced: forced.hit, at: Date.now() });
}
