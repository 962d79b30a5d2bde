import { updateTag } from 'next/cache';
import { describeError } from '../../_lib/profile';

// POST /api/update-tag?tag=x: updateTag in a Route Handler. `throw=1` lets the error escape.
export async function POST(request: Request) {
  const url = new URL(request.url);
  const tag = url.searchParams.get('tag') ?? '';
  if (url.searchParams.get('throw') === '1') {
    updateTag(tag);
    return Response.json({ ok: true });
  }
  try {
    updateTag(tag);
    return Response.json({ ok: true });
  } catch (error) {
    return Response.json({ ok: false, error: describeError(error) });
  }
}
