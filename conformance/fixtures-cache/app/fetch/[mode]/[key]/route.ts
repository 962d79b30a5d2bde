import { read, upstreamUrl } from '../../../_lib/upstream';

// A dynamic GET that reads the upstream with one of the fetch cache options; the answer says
// which upstream hit it got, so a cached fetch shows the same hit twice.
const MODES: Record<string, (key: string) => RequestInit> = {
  default: () => ({}),
  'force-cache': () => ({ cache: 'force-cache' }),
  'no-store': () => ({ cache: 'no-store' }),
  'revalidate-1': () => ({ next: { revalidate: 1 } }),
  'revalidate-0': () => ({ next: { revalidate: 0 } }),
  'revalidate-false': () => ({ next: { revalidate: false } }),
  tags: (key) => ({ next: { tags: [`f-${key}`] } }),
  'force-cache-tags': (key) => ({ cache: 'force-cache', next: { tags: [`f-${key}`] } }),
  'revalidate-1-tags': (key) => ({ next: { revalidate: 1, tags: [`f-${key}`] } }),
  'no-store-revalidate-1': () => ({ cache: 'no-store', next: { revalidate: 1 } }),
};

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ mode: string; key: string }> },
) {
  const { mode, key } = await params;
  const init = MODES[mode];
  if (!init) return Response.json({ error: `unknown mode ${mode}` }, { status: 404 });
  const hit = await read(await fetch(upstreamUrl(key), init(key)));
  return Response.json({ mode, ...hit, at: Date.now() });
}
