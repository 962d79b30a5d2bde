export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return Response.json(await params);
}
