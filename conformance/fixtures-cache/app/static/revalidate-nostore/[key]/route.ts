import { unstable_noStore } from 'next/cache';
import { next } from '../../../_lib/state';

// revalidate = 60 that calls unstable_noStore().
export const revalidate = 60;

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  unstable_noStore();
  return Response.json({ key, n: next(`revalidate-nostore/${key}`), at: Date.now() });
}
