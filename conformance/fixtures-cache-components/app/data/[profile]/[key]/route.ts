import { connection } from 'next/server';
import { cachedArgs, cachedByProfile } from '../../../_lib/cached';

// A request-time GET (connection() first) that reads a 'use cache' function with a cacheLife
// profile; `args` passes `?n=` as a second argument.
export async function GET(
  request: Request,
  { params }: { params: Promise<{ profile: string; key: string }> },
) {
  await connection();
  const { profile, key } = await params;
  if (profile === 'args') {
    const n = new URL(request.url).searchParams.get('n') ?? '';
    return Response.json({ profile, ...(await cachedArgs(key, n)), at: Date.now() });
  }
  const read = cachedByProfile[profile];
  if (!read) return Response.json({ error: `unknown profile ${profile}` }, { status: 404 });
  return Response.json({ profile, ...(await read(key)), at: Date.now() });
}
