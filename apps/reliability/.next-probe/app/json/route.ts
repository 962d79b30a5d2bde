import { cookies } from 'next/headers';

// Parses JSON bodies and cookies with hostile keys; reports whether any prototype changed.
export async function POST(request: Request) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: 'invalid JSON' }, { status: 400 });
  }
  const store = await cookies();
  return Response.json({
    keys: typeof body === 'object' && body !== null ? Object.keys(body) : [],
    cookies: store.getAll().map((c) => c.name),
    prototypeIsClean: !('polluted' in {}) && Object.getPrototypeOf({}) === Object.prototype,
  });
}
