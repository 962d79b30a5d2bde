import { next } from '../../../_lib/state';

// revalidate = false with a dynamic segment and no generateStaticParams.
export const revalidate = false;

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return Response.json({ key, n: next(`revalidate-false/${key}`), at: Date.now() });
}
