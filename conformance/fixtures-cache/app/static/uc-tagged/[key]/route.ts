import { unstable_cache } from 'next/cache';
import { freshHit } from '../../../_lib/upstream';

// force-static, reading unstable_cache tagged `su-<key>`.
export const dynamic = 'force-static';

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const hit = await unstable_cache(async (k: string) => freshHit(k), ['static-uc'], {
    tags: [`su-${key}`],
  })(key);
  return Response.json({ ...hit, at: Date.now() });
}
