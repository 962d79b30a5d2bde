import { NextResponse } from 'next/server';
import { seedTeams, type Team } from '../../../lib/data';
import { readCollection, updateCollection } from '../../../lib/store';
import { validateTeam } from '../../../lib/validate';

export async function GET() {
  return NextResponse.json(await readCollection('teams', seedTeams));
}

export async function POST(request: Request) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json({ error: 'the body is not valid JSON' }, { status: 400 });
  }
  const { team, problems } = validateTeam(body);
  if (!team) return NextResponse.json({ error: 'invalid team', problems }, { status: 400 });
  let created: Team | undefined;
  await updateCollection('teams', seedTeams, (teams) => {
    const id = String(teams.reduce((max, t) => Math.max(max, Number(t.id) || 0), 0) + 1);
    created = { id, ...team };
    return [...teams, created];
  });
  return NextResponse.json(created, {
    status: 201,
    headers: { location: `/dashboard/${created?.id ?? ''}` },
  });
}
