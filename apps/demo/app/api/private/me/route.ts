import { cookies, headers } from 'next/headers';

// Behind proxy.ts: only a request with a valid session gets here, with `x-user` set.
export async function GET() {
  const user = (await headers()).get('x-user');
  const signedIn = (await cookies()).has('session');
  return Response.json({ user, signedIn });
}
