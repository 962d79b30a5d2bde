import { cachedStamp } from '../../../_lib/cached';

// The same with a dynamic segment and no generateStaticParams: built on first request?
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return Response.json({ ...(await cachedStamp(`cs-${key}`)) });
}
