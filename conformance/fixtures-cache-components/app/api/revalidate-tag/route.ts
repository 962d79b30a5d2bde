import { revalidateTag } from 'next/cache';
import { describeError, profileOf } from '../../_lib/profile';

// POST /api/revalidate-tag?tag=x&profile=max: revalidateTag(tag, profile), or the
// one-argument form without `profile`. Answers what the call returned or threw.
export async function POST(request: Request) {
  const url = new URL(request.url);
  const tag = url.searchParams.get('tag') ?? '';
  const profile = profileOf(url);
  try {
    const result =
      profile === undefined
        ? (revalidateTag as (tag: string) => unknown)(tag)
        : revalidateTag(tag, profile as string);
    return Response.json({ ok: true, result: result === undefined ? 'undefined' : String(result) });
  } catch (error) {
    return Response.json({ ok: false, error: describeError(error) });
  }
}
