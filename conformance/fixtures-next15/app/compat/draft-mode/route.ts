import { draftMode } from 'next/headers';

// draftMode() used without await: read, and turned on with ?enable.
export async function GET(request: Request) {
  const mode = draftMode() as unknown as { isEnabled: boolean; enable(): void };
  const before = mode.isEnabled;
  if (new URL(request.url).searchParams.has('enable')) mode.enable();
  return Response.json({ before, after: mode.isEnabled });
}
