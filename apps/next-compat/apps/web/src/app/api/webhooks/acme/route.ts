import { createHmac, timingSafeEqual } from 'node:crypto';
import { listEvents, recordEvent } from '@acme/db';
import { waitUntil } from '@vercel/functions';

// A provider's webhook: the signature is an HMAC-SHA256 of the raw body, so the body is read
// as text before anything parses it. The event is stored after the response has gone out.

function validSignature(body: string, signature: string | null): boolean {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret || !signature) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(signature.replace(/^sha256=/, ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function POST(request: Request) {
  const body = await request.text();
  if (!validSignature(body, request.headers.get('x-acme-signature')))
    return Response.json({ error: 'invalid signature' }, { status: 400 });
  const event = JSON.parse(body) as { id: string; type: string };
  const respondedAt = Date.now();
  waitUntil(
    new Promise((resolve) => setTimeout(resolve, 400)).then(() => {
      recordEvent({ id: event.id, type: event.type, respondedAt, recordedAt: Date.now() });
    }),
  );
  return Response.json({ received: true, id: event.id });
}

export async function GET() {
  return Response.json({ events: listEvents() });
}
