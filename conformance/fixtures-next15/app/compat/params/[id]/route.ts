// Code written for Next.js 14: params read without await.
export async function GET(_request: Request, context: { params: { id: string } }) {
  const id = context.params.id;
  const awaited = await (context.params as unknown as Promise<{ id: string }>);
  return Response.json({ id, awaited, isPromise: (context.params as unknown) instanceof Promise });
}
