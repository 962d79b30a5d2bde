import { after, NextResponse, type NextRequest } from 'next/server';
import { readCollection, updateCollection } from '../../../lib/store';
import { validateMessage } from '../../../lib/validate';

interface Message {
  id: number;
  email: string;
  text: string;
}

export async function GET() {
  return NextResponse.json(await readCollection<Message[]>('messages', []));
}

// A plain HTML form posts here (urlencoded or multipart). Valid: 303 back to the page.
export async function POST(request: NextRequest) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return NextResponse.json(
      { error: 'send a form (urlencoded or multipart) with "email" and "text"' },
      { status: 400 },
    );
  }
  const { message, problems } = validateMessage(form);
  if (!message) return NextResponse.json({ error: 'invalid message', problems }, { status: 400 });
  const saved = await updateCollection<Message[]>('messages', [], (all) => [
    ...all,
    { id: all.length + 1, ...message },
  ]);
  // The audit entry is written once the answer is on its way: the visitor does not wait for it.
  after(() =>
    updateCollection<{ at: string; email: string }[]>('audit', [], (all) => [
      ...all,
      { at: new Date().toISOString(), email: message.email },
    ]),
  );
  const url = request.nextUrl.clone();
  url.pathname = '/';
  url.search = `?sent=${String(saved.length)}`;
  return NextResponse.redirect(url, 303);
}
