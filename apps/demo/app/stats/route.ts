import { posts, products } from '../../lib/data';

// Produced once and served identically afterwards.
export const dynamic = 'force-static';

export async function GET() {
  return Response.json({
    generatedAt: new Date().toISOString(),
    products: products.length,
    posts: posts.length,
  });
}
