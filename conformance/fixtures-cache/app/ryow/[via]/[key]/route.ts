import { revalidateTag, unstable_cache } from 'next/cache';
import { profileOf } from '../../../_lib/profile';
import { freshHit, read, upstreamUrl, type Hit } from '../../../_lib/upstream';

// Read-your-own-writes in one request: read a tagged value, revalidate its tag, read again.
// `?profile=` picks the revalidateTag form (absent: one argument).
const READERS: Record<string, (key: string) => Promise<Hit>> = {
  fetch: async (key) =>
    read(await fetch(upstreamUrl(key), { cache: 'force-cache', next: { tags: [`r-${key}`] } })),
  uc: (key) =>
    unstable_cache(async (k: string) => freshHit(k), ['ryow'], { tags: [`r-${key}`] })(key),
};

export async function GET(
  request: Request,
  { params }: { params: Promise<{ via: string; key: string }> },
) {
  const { via, key } = await params;
  const reader = READERS[via];
  if (!reader) return Response.json({ error: `unknown reader ${via}` }, { status: 404 });
  const profile = profileOf(new URL(request.url));
  const before = await reader(key);
  if (profile === undefined) (revalidateTag as (tag: string) => void)(`r-${key}`);
  else revalidateTag(`r-${key}`, profile as string);
  const after = await reader(key);
  return Response.json({ before: before.hit, after: after.hit });
}
