import { unstable_noStore } from 'next/cache';
import { next } from '../../../_lib/state';

// force-static that calls unstable_noStore(): which one wins?
export const dynamic = 'force-static';

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  unstable_noStore();
  return Response.json({ key, n: next(`nostore/${key}`), at: Date.now() });
}
