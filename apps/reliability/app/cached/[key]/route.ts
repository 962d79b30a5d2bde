// A static route with open params: every new key is produced once and cached (force-static),
// so anyone can add entries by asking for new paths. The cache must stay bounded.
export const dynamic = 'force-static';

const PADDING = 'x'.repeat(Number(process.env.RELIABILITY_PADDING ?? 2048));

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return Response.json({ key, padding: PADDING });
}
