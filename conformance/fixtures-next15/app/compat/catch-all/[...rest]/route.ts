// A catch-all's params read without await, and spread.
export async function GET(_request: Request, context: { params: { rest: string[] } }) {
  return Response.json({ rest: context.params.rest, spread: { ...context.params } });
}
