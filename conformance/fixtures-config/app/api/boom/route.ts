export const dynamic = 'force-dynamic';

export function POST() {
  throw new Error('boom from the route');
}
