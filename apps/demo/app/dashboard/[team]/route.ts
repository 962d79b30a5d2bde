import type { NextRequest } from 'next/server';
import { notFound } from 'next/navigation';
import { seedTeams } from '../../../lib/data';
import { readCollection } from '../../../lib/store';

// RouteContext<'/dashboard/[team]'> is the global `approute typegen` writes, as Next.js 15.5+ does.
export async function GET(_request: NextRequest, { params }: RouteContext<'/dashboard/[team]'>) {
  const { team } = await params;
  const found = (await readCollection('teams', seedTeams)).find((t) => t.id === team);
  if (!found) notFound();
  return Response.json(found);
}
