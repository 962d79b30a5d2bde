import { NextResponse, type NextRequest } from 'next/server';

// The form the Next.js docs and most real route files use: NextRequest's nextUrl and cookies,
// answered with NextResponse.json.
export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q') ?? '';
  const theme = request.cookies.get('theme')?.value ?? 'light';
  return NextResponse.json({ items: [{ id: 1, name: q }], theme });
}
