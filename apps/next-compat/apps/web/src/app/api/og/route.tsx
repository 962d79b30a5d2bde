import { ImageResponse } from 'next/og';

export async function GET(request: Request) {
  const title = new URL(request.url).searchParams.get('title') ?? 'Acme';
  return new ImageResponse(
    <div
      style={{
        display: 'flex',
        width: '100%',
        height: '100%',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#0b1020',
        color: '#ffffff',
        fontSize: 72,
      }}
    >
      {title}
    </div>,
    { width: 1200, height: 630 },
  );
}
