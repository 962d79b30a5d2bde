import { revalidatePath } from 'next/cache';
import { describeError } from '../../_lib/profile';

// POST /api/revalidate-path?path=/x&type=page|layout: revalidatePath(path, type).
export async function POST(request: Request) {
  const url = new URL(request.url);
  const path = url.searchParams.get('path') ?? '';
  const type = url.searchParams.get('type') ?? undefined;
  try {
    const result = revalidatePath(path, type as 'page' | 'layout' | undefined);
    return Response.json({ ok: true, result: result === undefined ? 'undefined' : String(result) });
  } catch (error) {
    return Response.json({ ok: false, error: describeError(error) });
  }
}
