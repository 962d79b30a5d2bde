import { cachedBriefStamp } from '../../_lib/cached';

// Prerenderable, but the cached call it reads has cacheLife('brief') (expire 3 s).
export async function GET() {
  return Response.json({ ...(await cachedBriefStamp('cc-brief')) });
}
