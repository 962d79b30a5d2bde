import { next } from '../../../_lib/state';

// revalidate = 1: stale after a second, regenerated in the background.
export const revalidate = 1;

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return Response.json({ key, n: next(`revalidate/${key}`), at: Date.now() });
}
