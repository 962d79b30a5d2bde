import { next } from '../../../_lib/state';

// force-static with no data: only revalidatePath reaches it.
export const dynamic = 'force-static';

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return Response.json({ key, n: next(`plain/${key}`), at: Date.now() });
}
