import { after } from 'next/server';

// Answers at once and keeps working in after() for `ms` milliseconds (default 2000), then logs
// `after-work done <id>`: the shutdown tests look for that line once the server has exited.
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const ms = Math.min(Number(params.get('ms') ?? 2000) || 2000, 20_000);
  const id = params.get('id') ?? '-';
  after(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    console.log(`after-work done ${id}`);
  });
  return Response.json({ id, ms });
}
