import { getServerSession, type Session } from 'next-auth';
import { cookies } from 'next/headers';
import { userAgent, type NextRequest } from 'next/server';
import { authOptions } from './auth';

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

/** What {@link withAuth} hands the wrapped handler. */
export interface AuthContext {
  session: Session;
  agent: ReturnType<typeof userAgent>;
}

/**
 * Wraps a route handler so that it runs only for a signed-in user: the session cookie is looked
 * up with `cookies()` first (cheap), then the session is decoded with `getServerSession()`.
 */
export function withAuth<Context>(
  handler: (request: NextRequest, context: Context, auth: AuthContext) => Promise<Response>,
): (request: NextRequest, context: Context) => Promise<Response> {
  return async (request, context) => {
    const jar = await cookies();
    if (!SESSION_COOKIES.some((name) => jar.has(name)))
      return Response.json(
        { error: 'unauthenticated', reason: 'no session cookie' },
        { status: 401 },
      );
    const session = await getServerSession(authOptions);
    if (!session)
      return Response.json(
        { error: 'unauthenticated', reason: 'invalid session' },
        { status: 401 },
      );
    return handler(request, context, { session, agent: userAgent(request) });
  };
}
