export async function GET(_request: Request, context: { params: Promise<{ team: string }> }) {
  const { team } = await context.params;
  return Response.json({ team });
}
