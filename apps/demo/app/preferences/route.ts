import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';

const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

function isTheme(value: unknown): value is Theme {
  return THEMES.includes(value as Theme);
}

export async function GET() {
  const stored = (await cookies()).get('theme')?.value;
  return NextResponse.json({ theme: isTheme(stored) ? stored : 'light' });
}

// Accepts JSON ({"theme":"dark"}) or a form field `theme`; the choice lives in a cookie.
export async function POST(request: Request) {
  const type = request.headers.get('content-type') ?? '';
  let theme: unknown;
  try {
    theme = type.includes('application/json')
      ? ((await request.json()) as { theme?: unknown }).theme
      : (await request.formData()).get('theme');
  } catch {
    return NextResponse.json(
      { error: 'send JSON like {"theme":"dark"} or a form field "theme"' },
      { status: 400 },
    );
  }
  if (!isTheme(theme)) {
    return NextResponse.json(
      { error: `"theme" must be one of: ${THEMES.join(', ')}` },
      { status: 400 },
    );
  }
  (await cookies()).set('theme', theme, { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
  return NextResponse.json({ theme });
}
