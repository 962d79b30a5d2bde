import { cacheLife, cacheTag, revalidateTag, updateTag } from 'next/cache';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { describeError } from '../../_lib/profile';

async function revalidateInside() {
  'use cache';
  revalidateTag('x', 'max');
  return 1;
}

async function headersInside() {
  'use cache';
  return (await headers()).get('x-a');
}

const KINDS: Record<string, () => unknown> = {
  'cache-tag-outside': () => cacheTag('x'),
  'cache-life-outside': () => cacheLife('max'),
  'update-tag': () => updateTag('x'),
  'revalidate-inside': () => revalidateInside(),
  'headers-inside': () => headersInside(),
  'bad-profile': () => revalidateTag('x', 'bogus'),
};

// GET /errors/<kind>: runs a misuse and answers what it threw; `?throw=1` lets it escape.
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  await connection();
  const { kind } = await params;
  const run = KINDS[kind];
  if (!run) return Response.json({ error: `unknown kind ${kind}` }, { status: 404 });
  if (new URL(request.url).searchParams.get('throw') === '1') {
    await run();
    return Response.json({ ok: true });
  }
  try {
    await run();
    return Response.json({ ok: true });
  } catch (error) {
    return Response.json({ ok: false, error: describeError(error) });
  }
}
