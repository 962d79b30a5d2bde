import { notFound } from 'next/navigation';
import { docs } from '../../../lib/data';

export async function GET(_request: Request, { params }: { params: Promise<{ slug?: string[] }> }) {
  const { slug } = await params;
  const path = slug?.join('/') ?? '';
  const page = docs.get(path);
  if (page === undefined) notFound();
  return new Response(page, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
