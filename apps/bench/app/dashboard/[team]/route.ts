import { cookies } from 'next/headers';

export async function GET(_request: Request, { params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const theme = (await cookies()).get('theme')?.value ?? 'light';
  return Response.json({ team, theme });
}
