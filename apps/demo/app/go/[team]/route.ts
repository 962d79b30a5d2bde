import { redirect } from 'next/navigation';

// A short link: /go/1 → /dashboard/1.
export async function GET(_request: Request, { params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  redirect(`/dashboard/${encodeURIComponent(team)}`);
}
