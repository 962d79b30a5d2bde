import { cachedStamp } from '../../_lib/cached';

// Reads nothing of the request: prerendered at build, tagged `cc-stamp` through the cached call.
export async function GET() {
  return Response.json({ ...(await cachedStamp('cc-stamp')) });
}
