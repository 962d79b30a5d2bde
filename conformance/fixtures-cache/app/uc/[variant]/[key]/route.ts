import { unstable_cache } from 'next/cache';
import { freshHit, type Hit } from '../../../_lib/upstream';

// A dynamic GET that reads the upstream through unstable_cache; the cached function fetches
// with no-store, so each upstream hit is one run of the function.
const VARIANTS: Record<string, (key: string, url: URL) => Promise<Hit>> = {
  // tags, no revalidate: cached until a tag revalidation
  basic: (key) =>
    unstable_cache(async (k: string) => freshHit(k), ['uc-basic'], { tags: [`uc-${key}`] })(key),
  // revalidate 1: stale after a second
  'revalidate-1': (key) =>
    unstable_cache(async (k: string) => freshHit(k), ['uc-revalidate'], {
      revalidate: 1,
      tags: [`uc-${key}`],
    })(key),
  // the key reaches the function only through the closure: keyParts do not name it
  closure: (key) => unstable_cache(async () => freshHit(key), ['uc-closure'])(),
  // the same closure, with the key in keyParts
  parts: (key) => unstable_cache(async () => freshHit(key), ['uc-parts', key])(),
  // an argument: part of the cache key without keyParts naming it
  args: (key, url) =>
    unstable_cache(async (k: string, _n: string) => freshHit(k), ['uc-args'])(
      key,
      url.searchParams.get('n') ?? '',
    ),
  // no keyParts at all
  'no-parts': (key) => unstable_cache(async (k: string) => freshHit(k))(key),
};

export async function GET(
  request: Request,
  { params }: { params: Promise<{ variant: string; key: string }> },
) {
  const { variant, key } = await params;
  const read = VARIANTS[variant];
  if (!read) return Response.json({ error: `unknown variant ${variant}` }, { status: 404 });
  const hit = await read(key, new URL(request.url));
  return Response.json({ variant, ...hit, at: Date.now() });
}
