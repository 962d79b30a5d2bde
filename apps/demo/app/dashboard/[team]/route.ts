import type { NextRequest } from 'next/server';
import { notFound } from 'next/navigation';
import { seedTeams } from '../../../lib/data';
import { readCollection } from '../../../lib/store';

export async function GET(
  _request: NextRequest,
  { params }: { params: Promise<{ team: string }> },
) {
  const { team } = await params;
  const found = (await readCollection('teams', seedTeams)).find((t) => t.id === team);
  if (!found) notFound();
  return Response.json(found);
}
