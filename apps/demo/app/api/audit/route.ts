import { NextResponse } from 'next/server';
import { readCollection } from '../../../lib/store';

// What after() recorded for each message sent (see /api/messages).
export async function GET() {
  return NextResponse.json(await readCollection<{ at: string; email: string }[]>('audit', []));
}
