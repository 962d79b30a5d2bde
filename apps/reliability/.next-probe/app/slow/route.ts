// Answers after `ms` milliseconds (default 500): keeps requests in flight for shutdown tests.
export async function GET(request: Request) {
  const ms = Math.min(Number(new URL(request.url).searchParams.get('ms') ?? 500) || 500, 10_000);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return Response.json({ waited: ms });
}
