import { cookies } from 'next/headers';

// cookies() used without await, as Next.js 14 code does: read, then set.
export async function GET() {
  const store = cookies() as unknown as {
    get(name: string): { name: string; value: string } | undefined;
    has(name: string): boolean;
    set(name: string, value: string): unknown;
    getAll(): { name: string; value: string }[];
  };
  const a = store.get('a')?.value ?? null;
  const hasB = store.has('b');
  store.set('set', 'by-sync-call');
  return Response.json({ a, hasB, names: store.getAll().map((c) => c.name) });
}
