import { next } from '../../../_lib/state';

// revalidate = 1 with generateStaticParams: the listed key is built, others come on demand.
export const revalidate = 1;

export function generateStaticParams() {
  return [{ key: 'listed' }];
}

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return Response.json({ key, n: next(`revalidate-listed/${key}`), at: Date.now() });
}
