import { cookies, headers } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';

export async function GET(request: NextRequest) {
  const [headerList, jar] = await Promise.all([headers(), cookies()]);
  jar.set('visited', 'yes', { httpOnly: true, path: '/', sameSite: 'lax' });
  return NextResponse.json(
    {
      probe: headerList.get('x-probe'),
      theme: jar.get('theme')?.value ?? null,
      q: request.nextUrl.searchParams.get('q'),
    },
    { headers: { 'x-echo': 'yes' } },
  );
}

export async function POST(request: Request) {
  const body = (await request.json()) as unknown;
  return Response.json({ received: body }, { status: 201 });
}
