import { notFound } from 'next/navigation';
import { products } from '../../../../lib/data';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ tag: string; item: string }> },
) {
  const { tag, item } = await params;
  const product = products.find((p) => p.tag === tag && p.item === item);
  if (!product) notFound();
  return Response.json(product);
}
