import { headers } from 'next/headers';

// headers() used without await.
export async function GET() {
  const list = headers() as unknown as {
    get(name: string): string | null;
    has(name: string): boolean;
  };
  return Response.json({
    custom: list.get('x-custom'),
    has: list.has('x-custom'),
    missing: list.get('x-missing'),
  });
}
