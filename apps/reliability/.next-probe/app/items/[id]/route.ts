export async function GET(
  _request: Request,
  { params }: { params: Promise<Record<string, unknown>> },
) {
  const resolved = await params;
  return Response.json({
    params: resolved,
    keys: Object.keys(resolved),
    prototypeIsClean: Object.getPrototypeOf({}) === Object.prototype && !('polluted' in {}),
  });
}
