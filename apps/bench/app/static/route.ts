// A static GET: produced once and answered from the cache afterwards.
export const dynamic = 'force-static';

export async function GET() {
  return Response.json({ message: 'Hello from the cache' });
}
