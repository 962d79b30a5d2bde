import { cachedDefault } from '../../../_lib/cached';

// A dynamic segment, no request data, a cached upstream read tagged c-<key>.
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return Response.json({ ...(await cachedDefault(key)) });
}
