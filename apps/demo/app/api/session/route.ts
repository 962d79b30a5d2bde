import { cookies } from 'next/headers';
import { createSession, SESSION_COOKIE } from '../../../lib/session';

// Signs in with a name (a demo: no password) by setting the signed session cookie that
// proxy.ts checks in front of /api/private/*; DELETE signs out.
export async function POST(request: Request) {
  let name: unknown;
  try {
    ({ name } = (await request.json()) as { name?: unknown });
  } catch {
    return Response.json({ error: 'the body must be JSON: {"name": "…"}' }, { status: 400 });
  }
  if (typeof name !== 'string' || name.trim() === '' || name.length > 40) {
    return Response.json({ error: '"name" must be 1 to 40 characters' }, { status: 400 });
  }
  (await cookies()).set(SESSION_COOKIE, await createSession(name.trim()), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
  });
  return Response.json({ user: name.trim() });
}

export async function DELETE() {
  (await cookies()).delete(SESSION_COOKIE);
  return new Response(null, { status: 204 });
}
