import { notFound } from 'next/navigation';
import { posts } from '../../../lib/data';

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  const { slug } = await params;
  const post = posts.find((p) => p.slug.join('/') === slug.join('/'));
  if (!post) notFound();
  return Response.json({ ...post, params: { slug } });
}
