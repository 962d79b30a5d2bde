import { revalidateTag } from 'next/cache';
import { connection } from 'next/server';
import { cachedDefault } from '../../_lib/cached';
import { profileOf } from '../../_lib/profile';

// Read a 'use cache' value, revalidate its tag, read again, in one request.
export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }) {
  await connection();
  const { key } = await params;
  const profile = profileOf(new URL(request.url));
  const before = await cachedDefault(key);
  if (profile === undefined) (revalidateTag as (tag: string) => void)(`c-${key}`);
  else revalidateTag(`c-${key}`, profile as string);
  const after = await cachedDefault(key);
  return Response.json({ before: before.hit, after: after.hit });
}
