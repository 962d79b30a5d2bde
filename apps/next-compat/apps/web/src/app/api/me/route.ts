import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session) return Response.json({ error: 'unauthenticated' }, { status: 401 });
  return Response.json({ user: session.user });
}
