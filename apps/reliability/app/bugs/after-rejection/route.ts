import { after } from 'next/server';

// A route bug inside after(): the callback starts work it never awaits, and that work fails.
export async function GET() {
  after(() => {
    void Promise.reject(new Error('route bug: a rejection inside after()'));
  });
  return new Response('answered');
}
