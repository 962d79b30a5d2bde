import { cookies, headers } from 'next/headers';

// Reads the request scope after random awaits: every answer must carry its own request's data.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
  const user = (await cookies()).get('user')?.value;
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
  const header = (await headers()).get('x-user');
  (await cookies()).set('seen', user ?? '');
  return Response.json({ id, user, header });
}
