import { waitUntil } from '@vercel/functions';
import type { NextRequest } from 'next/server';
import { record } from '../../_lib/state';

// waitUntil() from @vercel/functions: work that goes on after the answer was sent.
// ?fail makes the work reject.
export async function POST(request: NextRequest) {
  const id = request.nextUrl.searchParams.get('id') ?? '';
  const fail = request.nextUrl.searchParams.has('fail');
  const returned = waitUntil(
    new Promise((resolve) => setTimeout(resolve, 300)).then(() => {
      record(id, 'work done');
      if (fail) throw new Error(`waitUntil work failed (${id})`);
    }),
  );
  record(id, 'answered');
  return Response.json({ returned: returned === undefined ? 'undefined' : typeof returned });
}
