import { findUser } from '@acme/db';
import { notFound } from 'next/navigation';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = findUser(id);
  if (!user) notFound();
  return Response.json({ id: user.id, name: user.name });
}
