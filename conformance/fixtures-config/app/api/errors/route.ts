export const dynamic = 'force-dynamic';

export function GET() {
  const state = globalThis as { registered?: number; requestErrors?: unknown[] };
  return Response.json({ registered: state.registered ?? 0, errors: state.requestErrors ?? [] });
}
